package io.dinplatform.core.train;

import ai.djl.ndarray.NDArray;

/** The training loss: binary cross-entropy of sigmoid(logits), averaged over the batch. */
public final class BinaryCrossEntropy {

    private BinaryCrossEntropy() {
    }

    /**
     * mean(max(x, 0) − x·y + log(1 + e^−|x|)), the stable form of −[y log σ(x) + (1−y) log(1−σ(x))] that never
     * exponentiates a large positive number.
     *
     * @param logits (B) logits x
     * @param labels (B) labels y in {0, 1}
     * @return a scalar
     */
    public static NDArray mean(NDArray logits, NDArray labels) {
        NDArray softplusOfNegativeAbs = logits.abs().neg().exp().add(1f).log();
        return logits.maximum(0f).sub(logits.mul(labels)).add(softplusOfNegativeAbs).mean();
    }
}
