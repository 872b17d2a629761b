package io.dinplatform.core.nn;

import ai.djl.ndarray.NDArray;

/**
 * A non-linearity applied channel-wise to the last axis of its input: (B, C) in the MLP, (B, T, C) in the local
 * activation unit.
 */
public interface Activation {

    /**
     * @param input    (B, C) or (B, T, C)
     * @param mask     for a 3-D input: (B, T), 1 for real positions and 0 for padding, so that activations with
     *                 batch statistics leave padding out of them; null when every position is real
     * @param training true in a training step (batch statistics, running averages updated), false at inference
     * @return an array of the input's shape, owned by the input's manager
     */
    NDArray apply(NDArray input, NDArray mask, boolean training);
}
