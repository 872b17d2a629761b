package io.dinplatform.core.train;

/**
 * Click probabilities for the rows of one split, in row order, with what metrics need to judge them.
 *
 * @param scores sigmoid of the model's logits
 * @param labels 0 or 1
 * @param groups the GAUC group of each row (the user, by default)
 */
public record Predictions(float[] scores, float[] labels, int[] groups) {

    public Predictions {
        if (scores.length != labels.length || scores.length != groups.length) {
            throw new IllegalArgumentException("scores, labels and groups differ in length: " + scores.length + ", "
                    + labels.length + ", " + groups.length);
        }
    }

    public int size() {
        return scores.length;
    }
}
