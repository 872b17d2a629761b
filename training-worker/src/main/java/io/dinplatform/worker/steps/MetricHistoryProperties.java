package io.dinplatform.worker.steps;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a run's metric history is written ({@code din.worker.metrics.*}).
 *
 * @param maxPointsPerMetric the most points a run stores of each progress metric (loss, learning rate, samples/s):
 *                           a run planned to report more keeps every k-th progress point, k the smallest stride that
 *                           fits. Each epoch's validation is always kept
 * @param flushInterval      the longest a measured point waits in the worker before it is written (points are
 *                           written in one statement per flush, and at every epoch's end)
 */
@ConfigurationProperties("din.worker.metrics")
public record MetricHistoryProperties(
        @DefaultValue("5000") int maxPointsPerMetric,
        @DefaultValue("10s") Duration flushInterval) {

    public MetricHistoryProperties {
        if (maxPointsPerMetric < 2) {
            throw new IllegalArgumentException("din.worker.metrics.max-points-per-metric must be at least 2, got "
                    + maxPointsPerMetric);
        }
        if (flushInterval.isNegative()) {
            throw new IllegalArgumentException("din.worker.metrics.flush-interval must not be negative, got "
                    + flushInterval);
        }
    }
}
