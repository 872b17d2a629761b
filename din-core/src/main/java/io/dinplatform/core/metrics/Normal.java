package io.dinplatform.core.metrics;

/** The standard normal distribution, as the tests on proportions need it. */
public final class Normal {

    /** The two-sided 95 % quantile, Φ⁻¹(0.975). */
    public static final double Z_95 = 1.959963984540054;
    /** The quantile for 80 % power, Φ⁻¹(0.8). */
    public static final double Z_POWER_80 = 0.8416212335729143;

    private Normal() {
    }

    /** Φ(z), to about 1e-7 (the complementary error function of Numerical Recipes, eq. 6.2.14's Chebyshev fit). */
    public static double cdf(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    /** The two-sided p-value of a z statistic: P(|Z| ≥ |z|). */
    public static double twoSidedPValue(double z) {
        return erfc(Math.abs(z) / Math.sqrt(2));
    }

    private static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
