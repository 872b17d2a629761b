package io.dinplatform.core.metrics;

import java.util.Arrays;

/**
 * The area under the ROC curve, exactly: the probability that a random positive scores above a random negative,
 * ties counting one half. One sort of the scores, O(n log n), with no boxing, so it handles millions of scores.
 *
 * <p>GAUC (the DIN paper, eq. 5) is the average of per-group AUCs weighted by the groups' impressions; groups with
 * one class only have no AUC and are skipped.
 */
public final class Auc {

    private Auc() {
    }

    /**
     * @param scores any monotone score (probabilities or logits), one per impression
     * @param labels 0 or 1 per impression
     * @return the AUC, or NaN when the labels hold only one class
     */
    public static double global(float[] scores, float[] labels) {
        Inputs.check(scores, labels, null);
        long[] order = sortedByScore(scores);
        return aucOfRun(order, 0, order.length, scores, labels);
    }

    /**
     * @param groups the group of every impression (e.g. the user); any int values
     * @return the impression-weighted mean of the groups' AUCs over the groups with both classes; NaN when none has
     */
    public static double grouped(float[] scores, float[] labels, int[] groups) {
        Inputs.check(scores, labels, groups);
        long[] order = groupedThenSortedByScore(scores, groups);
        double weightedSum = 0;
        long weight = 0;
        int start = 0;
        while (start < order.length) {
            int group = groups[index(order[start])];
            int end = start;
            while (end < order.length && groups[index(order[end])] == group) {
                end++;
            }
            double auc = aucOfRun(order, start, end, scores, labels);
            if (!Double.isNaN(auc)) {
                weightedSum += auc * (end - start);
                weight += end - start;
            }
            start = end;
        }
        return weight == 0 ? Double.NaN : weightedSum / weight;
    }

    /** AUC of the impressions order[from..to), which are sorted by ascending score. */
    private static double aucOfRun(long[] order, int from, int to, float[] scores, float[] labels) {
        long positives = 0;
        long negatives = 0;
        double concordant = 0; // pairs (negative, positive) with the positive scored higher; ties count 1/2
        int i = from;
        while (i < to) {
            float score = scores[index(order[i])];
            long tiedPositives = 0;
            long tiedNegatives = 0;
            while (i < to && scores[index(order[i])] == score) {
                if (labels[index(order[i])] > 0.5f) {
                    tiedPositives++;
                } else {
                    tiedNegatives++;
                }
                i++;
            }
            concordant += tiedPositives * (double) negatives + 0.5 * tiedPositives * (double) tiedNegatives;
            positives += tiedPositives;
            negatives += tiedNegatives;
        }
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return concordant / ((double) positives * negatives);
    }

    /** Row indices by ascending score, packed as (sortable score bits, index) longs so that one primitive sort does. */
    private static long[] sortedByScore(float[] scores) {
        long[] keys = new long[scores.length];
        for (int i = 0; i < scores.length; i++) {
            keys[i] = ((long) sortableBits(scores[i]) << 32) | i;
        }
        Arrays.sort(keys);
        return keys;
    }

    /**
     * Row indices grouped by group and, within a group, by ascending score: the score order of one sort, then a
     * stable counting sort by group.
     */
    private static long[] groupedThenSortedByScore(float[] scores, int[] groups) {
        long[] byScore = sortedByScore(scores);
        int[] dense = DenseGroups.of(groups);
        int groupCount = 0;
        for (int g : dense) {
            groupCount = Math.max(groupCount, g + 1);
        }
        int[] starts = new int[groupCount + 1];
        for (int g : dense) {
            starts[g + 1]++;
        }
        for (int g = 0; g < groupCount; g++) {
            starts[g + 1] += starts[g];
        }
        long[] grouped = new long[byScore.length];
        for (long key : byScore) {
            grouped[starts[dense[index(key)]]++] = key;
        }
        return grouped;
    }

    private static int index(long key) {
        return (int) key; // the low 32 bits
    }

    /** An int whose signed order is the float's numeric order (−0 and +0 stay distinct but adjacent). */
    private static int sortableBits(float f) {
        int bits = Float.floatToIntBits(f == 0f ? 0f : f);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }
}
