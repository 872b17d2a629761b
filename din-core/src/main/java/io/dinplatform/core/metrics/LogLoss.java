package io.dinplatform.core.metrics;

/**
 * Mean binary cross-entropy of predicted probabilities, with probabilities clipped to [ε, 1 − ε],
 * ε = {@value #EPSILON} (Keras' default), so that one confident mistake costs at most about 16 instead of infinity.
 */
public final class LogLoss {

    public static final double EPSILON = 1e-7;

    private LogLoss() {
    }

    /**
     * @param probabilities click probabilities in [0, 1]
     * @param labels        0 or 1
     * @return the mean log loss; NaN for no rows
     */
    public static double of(float[] probabilities, float[] labels) {
        Inputs.check(probabilities, labels, null);
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            float p = probabilities[i];
            if (p < 0f || p > 1f) {
                throw new IllegalArgumentException("probability of row " + i + " is " + p + ", outside [0, 1]");
            }
            double clipped = Math.min(Math.max(p, EPSILON), 1 - EPSILON);
            sum -= labels[i] == 1f ? Math.log(clipped) : Math.log1p(-clipped);
        }
        return probabilities.length == 0 ? Double.NaN : sum / probabilities.length;
    }
}
