package io.dinplatform.core.metrics;

import java.util.OptionalLong;

/**
 * Click-through rates as binomial proportions: the Wilson interval of one, the two-proportion z-test of two, and how
 * many trials the test needs to see a given difference.
 */
public final class Proportions {

    private Proportions() {
    }

    /** The 95 % Wilson score interval of {@code successes} out of {@code trials} (empty trials: [0, 1]). */
    public static ConfidenceInterval wilson(long successes, long trials) {
        if (trials == 0) {
            return new ConfidenceInterval(0, 1);
        }
        double z = Normal.Z_95;
        double p = (double) successes / trials;
        double z2n = z * z / trials;
        double centre = (p + z2n / 2) / (1 + z2n);
        double half = z * Math.sqrt(p * (1 - p) / trials + z2n / (4.0 * trials)) / (1 + z2n);
        return new ConfidenceInterval(Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /**
     * The two-proportion z-test of B against A: the difference p_B − p_A, its 95 % (unpooled, Wald) interval, and the
     * pooled z statistic with its two-sided p-value.
     */
    public static Difference difference(long successesA, long trialsA, long successesB, long trialsB) {
        if (trialsA == 0 || trialsB == 0) {
            throw new IllegalArgumentException("both arms need trials, got " + trialsA + " and " + trialsB);
        }
        double pA = (double) successesA / trialsA;
        double pB = (double) successesB / trialsB;
        double difference = pB - pA;
        double unpooled = Math.sqrt(pA * (1 - pA) / trialsA + pB * (1 - pB) / trialsB);
        double pooled = (double) (successesA + successesB) / (trialsA + trialsB);
        double pooledError = Math.sqrt(pooled * (1 - pooled) * (1.0 / trialsA + 1.0 / trialsB));
        double z = pooledError == 0 ? 0 : difference / pooledError;
        return new Difference(difference, new ConfidenceInterval(difference - Normal.Z_95 * unpooled,
                difference + Normal.Z_95 * unpooled), z, Normal.twoSidedPValue(z));
    }

    /**
     * The trials both arms together need for a two-sided test at 5 % to detect the difference between {@code pA} and
     * {@code pB} with 80 % power, when a share {@code shareOfA} of them goes to A: with w_A and w_B the two shares and
     * p̄ = w_A·p_A + w_B·p_B, N = (z₀.₉₇₅·√(p̄(1−p̄)(1/w_A + 1/w_B)) + z₀.₈·√(p_A(1−p_A)/w_A + p_B(1−p_B)/w_B))² /
     * (p_B − p_A)². With equal shares it is twice the textbook per-arm size.
     *
     * @return the total, rounded up; empty when the proportions are equal (no sample shows a difference of zero)
     */
    public static OptionalLong trialsNeeded(double pA, double pB, double shareOfA) {
        if (!(shareOfA > 0 && shareOfA < 1)) {
            throw new IllegalArgumentException("the share of A must be between 0 and 1 (exclusive), got " + shareOfA);
        }
        double difference = pB - pA;
        if (difference == 0) {
            return OptionalLong.empty();
        }
        double shareOfB = 1 - shareOfA;
        double pooled = shareOfA * pA + shareOfB * pB;
        double root = Normal.Z_95 * Math.sqrt(pooled * (1 - pooled) * (1 / shareOfA + 1 / shareOfB))
                + Normal.Z_POWER_80 * Math.sqrt(pA * (1 - pA) / shareOfA + pB * (1 - pB) / shareOfB);
        return OptionalLong.of((long) Math.ceil(root * root / (difference * difference)));
    }

    /**
     * @param difference p_B − p_A
     * @param interval   its 95 % confidence interval
     * @param z          the pooled two-proportion z statistic
     * @param pValue     its two-sided p-value
     */
    public record Difference(double difference, ConfidenceInterval interval, double z, double pValue) {
    }
}
