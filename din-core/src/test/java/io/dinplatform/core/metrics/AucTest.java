package io.dinplatform.core.metrics;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AucTest {

    @Test
    void theTextbookExample() {
        assertThat(Auc.global(new float[] {0.1f, 0.4f, 0.35f, 0.8f}, new float[] {0, 0, 1, 1})).isEqualTo(0.75);
    }

    @Test
    void perfectInvertedAndConstantScores() {
        float[] labels = {0, 1, 0, 1};
        assertThat(Auc.global(new float[] {1, 2, 1, 2}, labels)).isEqualTo(1.0);
        assertThat(Auc.global(new float[] {2, 1, 2, 1}, labels)).isEqualTo(0.0);
        assertThat(Auc.global(new float[] {3, 3, 3, 3}, labels)).isEqualTo(0.5);
    }

    @Test
    void tiesBetweenAPositiveAndANegativeCountOneHalf() {
        // pairs (positive, negative): (0.5, 0.5) tie, (0.5, 0.2) won, (0.9, 0.5) won, (0.9, 0.2) won → 3.5 / 4
        assertThat(Auc.global(new float[] {0.5f, 0.5f, 0.2f, 0.9f}, new float[] {1, 0, 0, 1})).isEqualTo(0.875);
    }

    @Test
    void negativeScoresAndSignedZerosOrderNumerically() {
        assertThat(Auc.global(new float[] {-3f, -0f, 0f, -1f, 2f}, new float[] {0, 1, 0, 0, 1}))
                // positives −0 and 2; negatives −3, 0 (tied with −0), −1 → (1 + 0.5 + 1) + 3 = 5.5 of 6
                .isCloseTo(5.5 / 6, within(1e-15));
    }

    @Test
    void oneClassHasNoAuc() {
        assertThat(Auc.global(new float[] {0.1f, 0.7f}, new float[] {1, 1})).isNaN();
    }

    @Test
    void gaucWeightsGroupsByImpressionsAndSkipsSingleClassGroups() {
        // group 1000000: the textbook example, AUC 0.75 over 4 impressions
        // group −5: scores 0.3 (click), 0.2, 0.1 → AUC 1 over 3 impressions
        // group 7: two clicks, no AUC: skipped
        float[] scores = {0.1f, 0.3f, 0.4f, 0.9f, 0.2f, 0.35f, 0.8f, 0.1f, 0.6f};
        float[] labels = {0, 1, 0, 1, 0, 1, 1, 0, 1};
        int[] groups = {1000000, -5, 1000000, 7, -5, 1000000, 1000000, -5, 7};
        assertThat(Auc.grouped(scores, labels, groups)).isCloseTo((0.75 * 4 + 1.0 * 3) / 7, within(1e-15));
    }

    @Test
    void gaucOfOneGroupIsTheAuc() {
        float[] scores = {0.5f, 0.5f, 0.2f, 0.9f};
        float[] labels = {1, 0, 0, 1};
        assertThat(Auc.grouped(scores, labels, new int[4])).isEqualTo(Auc.global(scores, labels));
    }

    @Test
    void gaucWithoutAnyTwoClassGroupIsNaN() {
        assertThat(Auc.grouped(new float[] {1, 2}, new float[] {0, 1}, new int[] {0, 1})).isNaN();
    }

    @Test
    void agreesWithTheQuadraticDefinitionOnDataWithManyTies() {
        SplittableRandom random = new SplittableRandom(42);
        int n = 3000;
        float[] scores = new float[n];
        float[] labels = new float[n];
        int[] groups = new int[n];
        for (int i = 0; i < n; i++) {
            scores[i] = random.nextInt(40) / 8f - 2f; // 40 distinct values: many ties
            labels[i] = random.nextDouble() < 0.3 + 0.1 * (scores[i] + 2) ? 1 : 0;
            groups[i] = random.nextInt(25);
        }
        assertThat(Auc.global(scores, labels)).isCloseTo(bruteForce(scores, labels, groups, -1), within(1e-12));
        double weighted = 0;
        long weight = 0;
        for (int g = 0; g < 25; g++) {
            double auc = bruteForce(scores, labels, groups, g);
            if (!Double.isNaN(auc)) {
                long size = countGroup(groups, g);
                weighted += auc * size;
                weight += size;
            }
        }
        assertThat(Auc.grouped(scores, labels, groups)).isCloseTo(weighted / weight, within(1e-12));
    }

    @Test
    void handlesMillionsOfScores() {
        int n = 3_000_000;
        float[] scores = new float[n];
        float[] labels = new float[n];
        int[] groups = new int[n];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(2);
            // positives ~ N(1, 1), negatives ~ N(0, 1): the AUC is Φ(1/√2) ≈ 0.76025
            scores[i] = (float) (random.nextGaussian() + labels[i]);
            groups[i] = i % 100_000;
        }
        assertThat(Auc.global(scores, labels)).isCloseTo(0.76025, within(0.002));
        assertThat(Auc.grouped(scores, labels, groups)).isCloseTo(0.76025, within(0.005));
    }

    @Test
    void badInputNamesTheRow() {
        assertThatThrownBy(() -> Auc.global(new float[] {1, 2}, new float[] {0, 2}))
                .hasMessage("label of row 1 is 2.0, not 0 or 1");
        assertThatThrownBy(() -> Auc.global(new float[] {Float.NaN, 2}, new float[] {0, 1}))
                .hasMessage("score of row 0 is NaN");
        assertThatThrownBy(() -> Auc.grouped(new float[] {1}, new float[] {0}, new int[2]))
                .hasMessage("2 groups but 1 labels");
    }

    private static long countGroup(int[] groups, int g) {
        return java.util.stream.IntStream.of(groups).filter(x -> x == g).count();
    }

    /** The definition: over all (positive, negative) pairs of a group (or of all rows for group −1). */
    private static double bruteForce(float[] scores, float[] labels, int[] groups, int group) {
        double won = 0;
        long pairs = 0;
        for (int i = 0; i < scores.length; i++) {
            if (labels[i] != 1 || (group >= 0 && groups[i] != group)) {
                continue;
            }
            for (int j = 0; j < scores.length; j++) {
                if (labels[j] != 0 || (group >= 0 && groups[j] != group)) {
                    continue;
                }
                pairs++;
                won += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
            }
        }
        return pairs == 0 ? Double.NaN : won / pairs;
    }
}
