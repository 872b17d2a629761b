package io.dinplatform.api.online;

import java.util.List;

/**
 * The answer of {@code POST /api/v1/feedback}: one result per report, in the order sent.
 *
 * @param recorded how many reports were recorded
 * @param results  each report's outcome
 */
public record FeedbackResponse(int recorded, List<Result> results) {

    /** A report's outcome. */
    public record Result(String impressionId, FeedbackOutcome outcome) {
    }
}
