package io.dinplatform.core.model;

/** Which network pools the behaviour history. */
public enum ModelType {
    /** Deep Interest Network: attention pooling by a local activation unit, per candidate. */
    DIN,
    /** The Embedding&amp;MLP base model: sum or mean pooling, blind to the candidate. */
    BASE
}
