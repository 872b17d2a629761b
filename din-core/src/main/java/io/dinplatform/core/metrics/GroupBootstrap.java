package io.dinplatform.core.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap intervals of AUC and GAUC that resample groups (users), not impressions: a user's impressions
 * are not independent of each other, so resampling them one by one would make the intervals too narrow. Each
 * resample draws as many users as there are, with replacement, and takes all of each drawn user's impressions; a user
 * drawn twice counts as two users for GAUC. The random draws are seeded, so the same impressions always give the same
 * intervals.
 */
public final class GroupBootstrap {

    private GroupBootstrap() {
    }

    /**
     * @param scores     one per impression
     * @param labels     0 or 1 per impression
     * @param groups     the group of every impression, 0 to (groups − 1)
     * @param resamples  how many resamples (e.g. 1,000)
     * @param seed       the seed of the draws
     * @return 95 % intervals (the 2.5th and 97.5th percentiles over the resamples whose figure exists); null for a
     *         figure no resample has
     */
    public static Intervals intervals(float[] scores, float[] labels, int[] groups, int resamples, long seed) {
        Inputs.check(scores, labels, groups);
        int[][] members = members(groups);
        SplittableRandom random = new SplittableRandom(seed);
        double[] aucs = new double[resamples];
        double[] gaucs = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            int size = 0;
            int[] drawn = new int[members.length];
            for (int g = 0; g < drawn.length; g++) {
                drawn[g] = random.nextInt(members.length);
                size += members[drawn[g]].length;
            }
            float[] s = new float[size];
            float[] l = new float[size];
            int[] gr = new int[size];
            int at = 0;
            for (int g = 0; g < drawn.length; g++) {
                for (int row : members[drawn[g]]) {
                    s[at] = scores[row];
                    l[at] = labels[row];
                    gr[at] = g;
                    at++;
                }
            }
            aucs[r] = Auc.global(s, l);
            gaucs[r] = Auc.grouped(s, l, gr);
        }
        return new Intervals(percentiles(aucs), percentiles(gaucs));
    }

    private static int[][] members(int[] groups) {
        int count = Arrays.stream(groups).max().orElse(-1) + 1;
        List<List<Integer>> rows = new ArrayList<>(count);
        for (int g = 0; g < count; g++) {
            rows.add(new ArrayList<>());
        }
        for (int i = 0; i < groups.length; i++) {
            rows.get(groups[i]).add(i);
        }
        return rows.stream().filter(r -> !r.isEmpty())
                .map(r -> r.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }

    /** The 2.5th and 97.5th percentiles (nearest rank) of the values that are not NaN; null when all are. */
    static ConfidenceInterval percentiles(double[] values) {
        double[] known = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (known.length == 0) {
            return null;
        }
        return new ConfidenceInterval(known[rank(0.025, known.length)], known[rank(0.975, known.length)]);
    }

    private static int rank(double quantile, int n) {
        return Math.min(n - 1, Math.max(0, (int) Math.ceil(quantile * n) - 1));
    }

    /**
     * @param auc  the AUC's interval, or null
     * @param gauc the GAUC's interval, or null
     */
    public record Intervals(ConfidenceInterval auc, ConfidenceInterval gauc) {
    }
}
