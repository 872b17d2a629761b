package io.dinplatform.api.run;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import io.dinplatform.registry.run.MetricPoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MetricDownsamplingTest {

    private static final Instant AT = Instant.parse("2026-12-07T02:00:00Z");

    @Test
    void aSeriesThatFitsIsReturnedAsItIs() {
        List<MetricPoint> points = series(new double[] {3, 1, 2});

        assertThat(MetricDownsampling.downsample(points, 4)).isSameAs(points);
    }

    @Test
    void theEndsAndEveryBucketsExtremesAreKeptInStepOrder() {
        // 8 interior points in 3 buckets (maxPoints 8): steps 2-3, 4-6 and 7-9, each keeping its lowest and highest.
        List<MetricPoint> points = series(new double[] {5, 9, 1, 4, 4, 7, 0, 2, 8, 6});

        assertThat(MetricDownsampling.downsample(points, 8)).extracting(MetricPoint::step)
                .containsExactly(1L, 2L, 3L, 4L, 6L, 7L, 9L, 10L);
    }

    @Test
    void aRandomSeriesKeepsItsGlobalExtremesAndStaysWithinTheBound() {
        Random random = new Random(42);
        double[] values = IntStream.range(0, 10_000).mapToDouble(i -> random.nextGaussian()).toArray();
        List<MetricPoint> points = series(values);

        for (int maxPoints : new int[] {4, 5, 50, 999}) {
            List<MetricPoint> kept = MetricDownsampling.downsample(points, maxPoints);
            assertThat(kept).hasSizeLessThanOrEqualTo(maxPoints).isSubsetOf(points);
            assertThat(kept).extracting(MetricPoint::step).isSorted().doesNotHaveDuplicates();
            assertThat(kept.get(0)).isEqualTo(points.get(0));
            assertThat(kept.get(kept.size() - 1)).isEqualTo(points.get(points.size() - 1));
            assertThat(kept).extracting(MetricPoint::value)
                    .contains(min(values), max(values));
        }
    }

    private static List<MetricPoint> series(double[] values) {
        return IntStream.range(0, values.length)
                .mapToObj(i -> new MetricPoint("train.loss", i + 1, 1, values[i], AT.plusSeconds(i))).toList();
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }
}
