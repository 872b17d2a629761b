package io.dinplatform.core.data.synthetic;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.SequenceColumn;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.builders.SamplesBuilder;
import io.dinplatform.core.schema.FeatureSchema;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyntheticDataGeneratorTest {

    @Test
    void isDeterministicForASeed() throws IOException {
        SyntheticConfig config = new SyntheticConfig(50, 100, 10, 2, 8, 4, 0.1, 3);

        assertThat(csv(config)).isEqualTo(csv(config)).isNotEqualTo(csv(config.withSeed(4)));
    }

    @Test
    void writesTheBuildersSchemaAndEncodesDirectly() throws IOException {
        SyntheticConfig config = SyntheticConfig.defaults();

        FeatureSchema schema = SyntheticDataGenerator.write(config, new ByteArrayOutputStream());
        EncodedDataset data = SyntheticDataGenerator.generate(config);

        assertThat(schema).isEqualTo(SamplesBuilder.schema(config.historyLength()));
        assertThat(data.size()).isEqualTo(config.users() * config.samplesPerUser());
        SequenceColumn history = data.sequences().get(SamplesBuilder.HISTORY_CATEGORIES);
        assertThat(IntStream.range(0, data.size()).map(history::length))
                .allSatisfy(length -> assertThat(length).isBetween(10, 20));
        assertThat(data.rowsOf(Split.TEST).length / (double) data.size()).isBetween(0.07, 0.13);
        double positiveRate = IntStream.range(0, data.size()).mapToDouble(r -> data.labels()[r]).average().orElse(0);
        assertThat(positiveRate).isBetween(0.45, 0.65);
    }

    /**
     * The planted signal lives in the match between candidate and history: scoring a row by the share of its history
     * in the candidate's category ranks clicks far above chance, while the candidate alone (its category's click
     * rate over the whole data) tells next to nothing.
     */
    @Test
    void clicksDependOnTheMatchBetweenCandidateAndHistory() {
        EncodedDataset data = SyntheticDataGenerator.generate(SyntheticConfig.defaults());
        int[] category = data.categorical().get(SamplesBuilder.CATEGORY);
        SequenceColumn history = data.sequences().get(SamplesBuilder.HISTORY_CATEGORIES);

        double[] matchShare = new double[data.size()];
        for (int r = 0; r < data.size(); r++) {
            int start = history.start(r);
            int matches = 0;
            for (int j = start; j < start + history.length(r); j++) {
                matches += history.values()[j] == category[r] ? 1 : 0;
            }
            matchShare[r] = matches / (double) history.length(r);
        }
        double[] categoryClickRate = new double[data.vocabularies().of(SamplesBuilder.CATEGORY).size()];
        double[] categoryRows = new double[categoryClickRate.length];
        for (int r = 0; r < data.size(); r++) {
            categoryClickRate[category[r]] += data.labels()[r];
            categoryRows[category[r]]++;
        }
        double[] candidateOnly = IntStream.range(0, data.size())
                .mapToDouble(r -> categoryClickRate[category[r]] / categoryRows[category[r]]).toArray();

        assertThat(auc(matchShare, data.labels())).isGreaterThan(0.8);
        assertThat(auc(candidateOnly, data.labels())).isLessThan(0.6);
    }

    @Test
    void rejectsImpossibleParameters() {
        assertThatThrownBy(() -> new SyntheticConfig(10, 100, 5, 5, 10, 1, 0.1, 1))
                .hasMessageContaining("interestsPerUser");
        assertThatThrownBy(() -> new SyntheticConfig(10, 3, 5, 1, 10, 1, 0.1, 1)).hasMessageContaining("items");
        assertThatThrownBy(() -> new SyntheticConfig(10, 100, 5, 1, 10, 1, 0.5, 1)).hasMessageContaining("labelNoise");
    }

    /** Rank-sum AUC with ties counted half, small enough to check the data without the metrics package. */
    private static double auc(double[] scores, float[] labels) {
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double positiveRankSum = 0;
        long positives = 0;
        for (int i = 0; i < order.length; ) {
            int j = i;
            while (j < order.length && scores[order[j]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j + 1) / 2.0;
            for (int k = i; k < j; k++) {
                if (labels[order[k]] == 1f) {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }
            i = j;
        }
        long negatives = scores.length - positives;
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    private static String csv(SyntheticConfig config) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SyntheticDataGenerator.write(config, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
