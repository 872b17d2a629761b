package io.dinplatform.core.metrics;

/** Validates metric inputs, naming the first bad row. */
final class Inputs {

    private Inputs() {
    }

    static void check(float[] scores, float[] labels, int[] groups) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + labels.length + " labels");
        }
        if (groups != null && groups.length != labels.length) {
            throw new IllegalArgumentException(groups.length + " groups but " + labels.length + " labels");
        }
        for (int i = 0; i < scores.length; i++) {
            if (Float.isNaN(scores[i])) {
                throw new IllegalArgumentException("score of row " + i + " is NaN");
            }
            if (labels[i] != 0f && labels[i] != 1f) {
                throw new IllegalArgumentException("label of row " + i + " is " + labels[i] + ", not 0 or 1");
            }
        }
    }
}
