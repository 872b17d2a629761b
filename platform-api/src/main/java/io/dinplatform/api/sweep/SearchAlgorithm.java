package io.dinplatform.api.sweep;

/** How a sweep picks the next trial's parameters. */
public enum SearchAlgorithm {
    /** Each field drawn independently at random (seeded). */
    RANDOM,
    /** Every combination of the (discrete) fields, in order, up to maxTrials. */
    GRID,
    /** Tree-structured Parzen estimators: after a few random trials, values that resemble the best trials'. */
    TPE
}
