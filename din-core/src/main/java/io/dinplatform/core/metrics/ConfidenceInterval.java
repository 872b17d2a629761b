package io.dinplatform.core.metrics;

/**
 * A two-sided confidence interval.
 *
 * @param low  the lower bound
 * @param high the upper bound
 */
public record ConfidenceInterval(double low, double high) {

    public boolean contains(double value) {
        return low <= value && value <= high;
    }
}
