package io.dinplatform.core.model;

import ai.djl.ndarray.NDArray;

/**
 * A click-through-rate model over embedded inputs: the Embedding&amp;MLP base model or DIN.
 *
 * <p>Positives and negatives go through exactly the same path, with attention computed per candidate: a model
 * never shares intermediate results between rows of a batch (except Dice's batch statistics in training).
 */
public interface CtrModel {

    /**
     * @param batch    the embedded mini-batch
     * @param training true for a training step (Dice uses batch statistics and updates its running averages)
     * @return (B) logits; the click probability is their sigmoid
     */
    NDArray forward(EmbeddedBatch batch, boolean training);
}
