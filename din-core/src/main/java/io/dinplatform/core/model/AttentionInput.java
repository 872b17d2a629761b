package io.dinplatform.core.model;

/** What the activation unit sees of a candidate q and a history item k. */
public enum AttentionInput {
    /** {@code [q, k, q − k, q·k]}: the official code. */
    OFFICIAL,
    /** {@code [q, k, q·k]}: the paper's figure 2 (the out product drawn there is the element-wise product). */
    PAPER;

    /** How many item-width blocks the unit's input concatenates. */
    public int blocks() {
        return this == OFFICIAL ? 4 : 3;
    }
}
