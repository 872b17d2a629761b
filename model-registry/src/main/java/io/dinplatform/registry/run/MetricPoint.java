package io.dinplatform.registry.run;

import java.time.Instant;

/**
 * One value of one metric of a training run, at one optimizer step.
 *
 * @param name       the metric, e.g. {@code train.loss} or {@code valid.gauc}
 * @param step       the optimizer steps done when it was measured
 * @param epoch      the 1-based epoch it belongs to, or null when unknown
 * @param value      the value, always finite (an undefined metric is not recorded)
 * @param recordedAt when the worker measured it
 */
public record MetricPoint(String name, long step, Integer epoch, double value, Instant recordedAt) {

    public MetricPoint {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("metric " + name + " at step " + step + " is not finite: " + value);
        }
    }
}
