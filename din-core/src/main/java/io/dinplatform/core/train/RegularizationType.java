package io.dinplatform.core.train;

/** Penalties on the embedding tables. */
public enum RegularizationType {
    /** No penalty. */
    NONE,
    /**
     * Mini-batch aware regularization (the DIN paper, §4.3.1): only the rows of ids present in the mini-batch are
     * penalised, row j by λ·w_j/n_j with n_j its training-split count, so frequent ids are shrunk less per step
     * and the cost stays proportional to the batch.
     */
    MBA,
    /** λ·W on every row of every table, every step: the dense baseline (what DeepCTR does); cost grows with V. */
    L2
}
