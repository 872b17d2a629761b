package io.dinplatform.core.metrics;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.SequenceColumn;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.Vocabularies;
import io.dinplatform.core.data.Vocabulary;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PopularityBaselineTest {

    private static final FeatureSchema SCHEMA = new FeatureSchema("label", "user_id", null, null, List.of(
            FeatureSpec.categorical("user_id"), FeatureSpec.categorical("item_id"),
            FeatureSpec.sequence("hist_item_id", "item_id", 5)));

    /** Items a, b, c held by 5, 3 and 1 training samples; index 1 is unknown (count 7 of rare items). */
    private static final Vocabulary ITEMS = new Vocabulary(List.of("a", "b", "c"), new long[] {0, 7, 5, 3, 1});
    private static final int A = 2;
    private static final int B = 3;
    private static final int C = 4;

    @Test
    void scoresAnItemByItsTrainingCountAndAnUnknownOneByZero() {
        PopularityBaseline baseline = PopularityBaseline.of(SCHEMA, vocabularies()).orElseThrow();

        assertThat(baseline.itemFeature()).isEqualTo("item_id");
        assertThat(baseline.score("a")).isEqualTo(5f);
        assertThat(baseline.score("c")).isEqualTo(1f);
        assertThat(baseline.score("never seen")).isZero();
        assertThat(baseline.score(Vocabulary.UNKNOWN)).isZero();
    }

    @Test
    void itsAucAndGaucOnAHandBuiltTestSplitAreTheHandComputedOnes() {
        // user 0: positive a (5), negatives b (3) and unknown (0)     -> 2 of 2 pairs right: AUC 1
        // user 1: positive c (1), negatives a (5) and b (3)           -> 0 of 2 pairs right: AUC 0
        // user 2: positives b (3) and unknown (0), negative b (3)     -> a tie and a miss: (0.5 + 0) / 2 = 0.25
        int[] items = {A, B, Vocabulary.UNKNOWN, C, A, B, B, Vocabulary.UNKNOWN, B};
        float[] labels = {1, 0, 0, 1, 0, 0, 1, 1, 0};
        int[] groups = {0, 0, 0, 1, 1, 1, 2, 2, 2};
        EncodedDataset test = dataset(items, labels, groups);

        BaselineMetrics metrics = PopularityBaseline.of(SCHEMA, vocabularies()).orElseThrow()
                .evaluate(test, Split.TEST);

        // GAUC: every user has 3 impressions, so the plain mean of 1, 0 and 0.25.
        assertThat(metrics.gauc()).isCloseTo((1 + 0 + 0.25) / 3, within(1e-12));
        // Global: scores of the 4 positives 5, 1, 3, 0 against the 5 negatives 3, 0, 5, 3, 3:
        // 5 beats 3,0,3,3 and ties 5 (4.5); 1 beats 0 (1); 3 beats 0 and ties 3,3,3 (2.5); 0 ties 0 (0.5).
        assertThat(metrics.auc()).isCloseTo((4.5 + 1 + 2.5 + 0.5) / 20, within(1e-12));
        assertThat(PopularityBaseline.of(SCHEMA, vocabularies()).orElseThrow().evaluate(test, Split.TRAIN))
                .as("an empty split").isNull();
    }

    @Test
    void relaImprOverTheBaselineAndWhetherTheModelBeatsIt() {
        BaselineMetrics baseline = new BaselineMetrics(0.70, 0.60);
        EvaluationMetrics better = new EvaluationMetrics(0.72, 0.65, 0.5, 10, 5);
        EvaluationMetrics worse = new EvaluationMetrics(0.75, 0.58, 0.5, 10, 5);

        assertThat(baseline.relaImprGaucOf(better)).isCloseTo(50.0, within(1e-9));
        assertThat(baseline.relaImprAucOf(better)).isCloseTo(10.0, within(1e-9));
        assertThat(baseline.isBeatenBy(better)).isTrue();
        assertThat(baseline.isBeatenBy(worse)).as("GAUC decides where both have one").isFalse();
        assertThat(new BaselineMetrics(0.70, Double.NaN).isBeatenBy(worse)).as("else AUC").isTrue();
        assertThat(new BaselineMetrics(0.45, 0.5).relaImprGaucOf(better)).as("no lift over random").isNaN();
    }

    @Test
    void aSchemaWithoutHistoryHasNoCandidateItemAndNoBaseline() {
        FeatureSchema flat = new FeatureSchema("label", null, null, null, List.of(FeatureSpec.categorical("user_id")));
        assertThat(PopularityBaseline.of(flat, vocabularies())).isEmpty();
    }

    private static Vocabularies vocabularies() {
        Map<String, Vocabulary> byFeature = new LinkedHashMap<>();
        byFeature.put("user_id", new Vocabulary(List.of(), new long[] {0, 0}));
        byFeature.put("item_id", ITEMS);
        return new Vocabularies(byFeature);
    }

    private static EncodedDataset dataset(int[] items, float[] labels, int[] groups) {
        int n = items.length;
        byte[] splits = new byte[n];
        Arrays.fill(splits, (byte) Split.TEST.ordinal());
        Map<String, int[]> categorical = new LinkedHashMap<>();
        categorical.put("user_id", new int[n]);
        categorical.put("item_id", items);
        return new EncodedDataset(SCHEMA, vocabularies(), labels, groups, splits, categorical,
                Map.of("hist_item_id", new SequenceColumn(new int[n + 1], new int[0])), Map.of());
    }
}
