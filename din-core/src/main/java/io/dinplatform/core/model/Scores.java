package io.dinplatform.core.model;

import ai.djl.ndarray.NDArray;

/**
 * An inference result.
 *
 * @param logits    (B) logits; the click probability is their sigmoid
 * @param attention (B, T) the pooling weight of every history position (exactly 0 for padding), or null for a model
 *                  without attention
 */
public record Scores(NDArray logits, NDArray attention) {
}
