package io.dinplatform.core.model;

/** How the base model pools the history items' vectors (over the real positions only). */
public enum Pooling {
    SUM,
    /** The sum divided by the true history length; an empty history pools to zeros. */
    MEAN
}
