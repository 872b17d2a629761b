package io.dinplatform.api.run;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.dinplatform.registry.run.MetricPoint;

/**
 * A run's metric history, one series per metric, each thinned to at most the points asked for.
 *
 * @param runId   the run
 * @param metrics the series, by name
 */
public record RunMetricsView(UUID runId, List<Series> metrics) {

    /**
     * @param name     e.g. {@code train.loss}, {@code valid.gauc}
     * @param recorded how many points the run stored of it
     * @param points   the points returned, in step order
     */
    public record Series(String name, int recorded, List<Point> points) {
    }

    /**
     * @param step  the optimizer steps done when the value was measured
     * @param epoch the 1-based epoch, when known
     * @param value the value
     * @param time  when it was measured
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Point(long step, Integer epoch, double value, Instant time) {

        static Point of(MetricPoint point) {
            return new Point(point.step(), point.epoch(), point.value(), point.recordedAt());
        }
    }
}
