package io.dinplatform.registry.impression;

import java.time.Instant;

/**
 * The feedback recorded on the impressions of a span of time, in three figures that change whenever a report is
 * recorded there: a new report adds to the count, a changed one moves the clicks or the latest arrival. What a reader
 * of the span's online figures compares to know whether they can still be the ones it computed.
 *
 * @param reports      reports recorded, one per impression
 * @param clicks       of those, the ones clicked
 * @param lastReceived when the latest of them arrived; null with none
 */
public record FeedbackTally(long reports, long clicks, Instant lastReceived) {
}
