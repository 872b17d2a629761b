package io.dinplatform.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;

/**
 * Turns the activation unit's raw weights into pooling weights and pools the history with them.
 *
 * <p>Padded positions get weight exactly 0 whatever the raw value ({@code where}, not a multiplication, so not even
 * a NaN could leak). SOFTMAX normalises over the real positions only; a row without any real position gets all-zero
 * weights, so an empty history yields a zero interest vector, never NaN.
 */
final class AttentionPooling {

    /** Stands for −∞ before the softmax; finite so that an all-padding row stays finite. */
    private static final double PADDING_LOGIT = -1e9;

    private final AttentionNormalization normalization;

    AttentionPooling(AttentionNormalization normalization) {
        this.normalization = normalization;
    }

    /**
     * @param raw  (B, T) raw weights
     * @param real (B, T) boolean, true for real positions
     * @return (B, T) pooling weights
     */
    NDArray weights(NDArray raw, NDArray real) {
        NDArray zeros = raw.zerosLike();
        if (normalization == AttentionNormalization.NONE) {
            return NDArrays.where(real, raw, zeros);
        }
        NDArray normalized = NDArrays.where(real, raw, zeros.add(PADDING_LOGIT)).softmax(1);
        return NDArrays.where(real, normalized, zeros);
    }

    /**
     * @param weights (B, T)
     * @param history (B, T, D), or (T, D) shared by every row
     * @return (B, D) the interest vectors Σ_j w_j·e_j
     */
    static NDArray pool(NDArray weights, NDArray history) {
        if (history.getShape().dimension() == 2) {
            return weights.matMul(history);
        }
        return weights.expandDims(1).matMul(history).squeeze(1);
    }
}
