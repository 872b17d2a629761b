package io.dinplatform.api.sweep;

/** How a sweep draws one field's values. */
public enum ParameterKind {
    /** One of listed values (any JSON: numbers, strings, arrays such as hidden units). */
    CHOICE,
    /** A real number between low and high, every value equally likely. */
    UNIFORM,
    /** A positive real number between low and high, every order of magnitude equally likely (a learning rate). */
    LOG_UNIFORM,
    /** An integer from low to high, both included. */
    INT_RANGE
}
