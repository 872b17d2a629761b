package io.dinplatform.api.online;

import java.util.List;

/**
 * The answer of {@code POST /api/v1/feedback}: one result per report, in the order sent.
 *
 * @param recorded how many reports were recorded
 * @param results  each report's outcome
 */
public record FeedbackResponse(int recorded, List<ReportOutcome> results) {

    /** A report's outcome (named apart from other results: schema names are global in the API's document). */
    public record ReportOutcome(String impressionId, FeedbackOutcome outcome) {
    }
}
