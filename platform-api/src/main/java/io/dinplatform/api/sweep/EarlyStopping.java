package io.dinplatform.api.sweep;

/** Whether a sweep stops trials that are unlikely to win before their last epoch. */
public enum EarlyStopping {
    /** The median rule: a trial whose objective after an epoch is worse than the median of the other trials' after
     * the same epoch is cancelled (once at least three others have reached it). */
    MEDIAN,
    NONE
}
