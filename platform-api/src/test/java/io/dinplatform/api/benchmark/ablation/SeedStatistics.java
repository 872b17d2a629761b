package io.dinplatform.api.benchmark.ablation;

import java.util.Collection;
import java.util.Locale;

/**
 * The mean and the sample standard deviation (n − 1 in the denominator) of one figure over seeds.
 *
 * @param mean              the mean
 * @param standardDeviation the sample standard deviation; 0 for a single value
 * @param count             how many values
 */
record SeedStatistics(double mean, double standardDeviation, int count) {

    static SeedStatistics of(Collection<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to summarise");
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        double deviation = values.size() == 1 ? 0 : Math.sqrt(squares / (values.size() - 1));
        return new SeedStatistics(mean, deviation, values.size());
    }

    /** {@code mean ± deviation} with the given number of decimals. */
    String format(int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f ± %." + decimals + "f", mean, standardDeviation);
    }
}
