package io.dinplatform.api.online;

/** What became of one report of {@code POST /api/v1/feedback}. */
public enum FeedbackOutcome {
    /** Recorded against its impression (a report of the same impression before is replaced). */
    RECORDED,
    /**
     * No such impression in the log: never issued, not drawn for the log, dropped under load, or not yet written
     * (impressions are written within {@code din.impressions.flush-interval}; send it again).
     */
    UNKNOWN,
    /** Issued longer ago than the log keeps impressions ({@code din.impressions.retention}). */
    EXPIRED
}
