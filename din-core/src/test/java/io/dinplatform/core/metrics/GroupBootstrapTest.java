package io.dinplatform.core.metrics;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GroupBootstrapTest {

    @Test
    void sameImpressionsAndSeedGiveTheSameIntervals() {
        Sample sample = sample(200, 10, 1);

        GroupBootstrap.Intervals first = GroupBootstrap.intervals(sample.scores, sample.labels, sample.groups, 200, 7);
        GroupBootstrap.Intervals second = GroupBootstrap.intervals(sample.scores, sample.labels, sample.groups, 200, 7);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void intervalsHoldThePointEstimatesAndNarrowWithMoreUsers() {
        Sample few = sample(50, 10, 2);
        Sample many = sample(2_000, 10, 3);

        GroupBootstrap.Intervals small = GroupBootstrap.intervals(few.scores, few.labels, few.groups, 300, 1);
        GroupBootstrap.Intervals large = GroupBootstrap.intervals(many.scores, many.labels, many.groups, 300, 1);

        assertThat(small.auc().contains(Auc.global(few.scores, few.labels))).isTrue();
        assertThat(small.gauc().contains(Auc.grouped(few.scores, few.labels, few.groups))).isTrue();
        assertThat(large.auc().contains(Auc.global(many.scores, many.labels))).isTrue();
        assertThat(width(large.auc())).isLessThan(width(small.auc()) / 3);
        assertThat(width(large.gauc())).isLessThan(width(small.gauc()) / 3);
    }

    @Test
    void aPerfectRankingHasAnIntervalOfOne() {
        float[] scores = {0.9f, 0.1f, 0.8f, 0.2f, 0.7f, 0.3f};
        float[] labels = {1, 0, 1, 0, 1, 0};
        int[] groups = {0, 0, 1, 1, 2, 2};

        GroupBootstrap.Intervals intervals = GroupBootstrap.intervals(scores, labels, groups, 100, 3);

        assertThat(intervals.auc()).isEqualTo(new ConfidenceInterval(1, 1));
        assertThat(intervals.gauc()).isEqualTo(new ConfidenceInterval(1, 1));
    }

    @Test
    void withoutBothClassesThereIsNoInterval() {
        GroupBootstrap.Intervals intervals = GroupBootstrap.intervals(new float[] {0.2f, 0.4f}, new float[] {0, 0},
                new int[] {0, 1}, 50, 3);

        assertThat(intervals.auc()).isNull();
        assertThat(intervals.gauc()).isNull();
    }

    @Test
    void percentilesAreNearestRank() {
        double[] values = new double[200];
        for (int i = 0; i < values.length; i++) {
            values[i] = i + 1; // 1 … 200
        }
        values[0] = Double.NaN; // left out: 2 … 200, 199 values

        ConfidenceInterval interval = GroupBootstrap.percentiles(values);

        assertThat(interval.low()).isEqualTo(6); // ceil(0.025 · 199) = 5th smallest of 2 … 200
        assertThat(interval.high()).isEqualTo(196); // ceil(0.975 · 199) = 195th smallest
    }

    private static double width(ConfidenceInterval interval) {
        return interval.high() - interval.low();
    }

    /** Users with a per-user click propensity, scores that rank clicks somewhat above non-clicks. */
    private static Sample sample(int users, int perUser, long seed) {
        Random random = new Random(seed);
        int n = users * perUser;
        Sample sample = new Sample(new float[n], new float[n], new int[n]);
        for (int u = 0; u < users; u++) {
            double propensity = 0.1 + 0.4 * random.nextDouble();
            for (int k = 0; k < perUser; k++) {
                int i = u * perUser + k;
                boolean click = random.nextDouble() < propensity;
                sample.labels[i] = click ? 1 : 0;
                sample.scores[i] = (float) (random.nextGaussian() + (click ? 0.8 : 0));
                sample.groups[i] = u;
            }
        }
        return sample;
    }

    private record Sample(float[] scores, float[] labels, int[] groups) {
    }
}
