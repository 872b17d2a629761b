package io.dinplatform.core.model;

/** How the activation unit's raw weights w_j become pooling weights. */
public enum AttentionNormalization {
    /** Raw weights, as the paper prescribes: the sum keeps the intensity of the user's interest. */
    NONE,
    /** Softmax over the real history positions, as the official demo code does. */
    SOFTMAX
}
