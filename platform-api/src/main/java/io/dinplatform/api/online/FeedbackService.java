package io.dinplatform.api.online;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.dinplatform.api.error.FieldError;
import io.dinplatform.api.error.InvalidRequestException;
import io.dinplatform.registry.impression.ClickFeedback;
import io.dinplatform.registry.impression.ImpressionIds;
import io.dinplatform.registry.impression.ImpressionRepository;

/**
 * Records click feedback against the impression log. A malformed report fails the whole request (nothing is
 * recorded); an id the log does not hold, or no longer holds, is that report's outcome and the others are recorded.
 */
public class FeedbackService {

    static final int MAX_ERRORS_NAMED = 100;

    private final ImpressionRepository impressions;
    private final ImpressionProperties properties;
    private final Clock clock;

    public FeedbackService(ImpressionRepository impressions, ImpressionProperties properties, Clock clock) {
        this.impressions = impressions;
        this.properties = properties;
        this.clock = clock;
    }

    public FeedbackResponse record(List<FeedbackReport> reports) {
        List<UUID> ids = parse(reports);
        Instant now = clock.instant();
        Instant oldestKept = now.minus(properties.retention());
        FeedbackOutcome[] outcomes = new FeedbackOutcome[reports.size()];
        List<ClickFeedback> known = new ArrayList<>();
        List<Integer> knownAt = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            Optional<Instant> servedAt = ImpressionIds.servedAt(ids.get(i));
            if (servedAt.isEmpty()) {
                outcomes[i] = FeedbackOutcome.UNKNOWN;
            } else if (servedAt.get().isBefore(oldestKept)) {
                outcomes[i] = FeedbackOutcome.EXPIRED;
            } else {
                FeedbackReport report = reports.get(i);
                known.add(new ClickFeedback(ids.get(i), report.clicked(), report.at() == null ? now : report.at()));
                knownAt.add(i);
            }
        }
        boolean[] found = impressions.recordFeedback(known);
        int recorded = 0;
        for (int k = 0; k < found.length; k++) {
            outcomes[knownAt.get(k)] = found[k] ? FeedbackOutcome.RECORDED : FeedbackOutcome.UNKNOWN;
            recorded += found[k] ? 1 : 0;
        }
        List<FeedbackResponse.ReportOutcome> results = new ArrayList<>(reports.size());
        for (int i = 0; i < reports.size(); i++) {
            results.add(new FeedbackResponse.ReportOutcome(reports.get(i).impressionId(), outcomes[i]));
        }
        return new FeedbackResponse(recorded, results);
    }

    private List<UUID> parse(List<FeedbackReport> reports) {
        if (reports == null || reports.isEmpty()) {
            throw invalid(List.of(new FieldError("", "required: a JSON array of at least one report")));
        }
        if (reports.size() > properties.maxFeedbackPerRequest()) {
            throw invalid(List.of(new FieldError("", reports.size() + " reports given but at most "
                    + properties.maxFeedbackPerRequest() + " are allowed per request (setting "
                    + "din.impressions.max-feedback-per-request)")));
        }
        List<UUID> ids = new ArrayList<>(reports.size());
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            FeedbackReport report = reports.get(i);
            if (report == null) {
                errors.add(new FieldError("[" + i + "]", "expected a report object, got null"));
                ids.add(null);
                continue;
            }
            if (report.clicked() == null) {
                errors.add(new FieldError("[" + i + "].clicked", "required: true or false"));
            }
            ids.add(parseId(i, report.impressionId(), errors));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return ids;
    }

    private static UUID parseId(int index, String text, List<FieldError> errors) {
        if (text == null) {
            errors.add(new FieldError("[" + index + "].impressionId", "required: the id an answer carried"));
            return null;
        }
        try {
            if (text.length() == 36) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException malformed) {
            // reported below
        }
        errors.add(new FieldError("[" + index + "].impressionId", "'" + text + "' is not a UUID"));
        return null;
    }

    /** The problem, naming at most the first hundred bad fields (a batch may hold ten thousand). */
    private static InvalidRequestException invalid(List<FieldError> errors) {
        FieldError first = errors.get(0);
        return new InvalidRequestException((first.field().isEmpty() ? "" : first.field() + ": ") + first.reason(),
                errors.subList(0, Math.min(errors.size(), MAX_ERRORS_NAMED)));
    }
}
