package io.dinplatform.api.online;

/**
 * The population stability index of a served distribution against a reference one over the same bins:
 * Σ (a − e)·ln(a / e) over the bins' shares. Conventionally below 0.1 nothing moved, 0.1 to 0.25 it moved a little,
 * above 0.25 it moved enough to act on. Empty bins take a share of {@link #FLOOR} so that the index stays finite.
 */
final class PopulationStability {

    static final double FLOOR = 1e-4;

    private PopulationStability() {
    }

    /** The index of {@code actual} against {@code expected} (counts per bin, the same bins); NaN when one is empty. */
    static double index(long[] expected, long[] actual) {
        long expectedTotal = total(expected);
        long actualTotal = total(actual);
        if (expectedTotal == 0 || actualTotal == 0) {
            return Double.NaN;
        }
        double psi = 0;
        for (int bin = 0; bin < expected.length; bin++) {
            double e = Math.max(FLOOR, (double) expected[bin] / expectedTotal);
            double a = Math.max(FLOOR, (double) actual[bin] / actualTotal);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }

    private static long total(long[] counts) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }
}
