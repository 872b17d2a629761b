package io.dinplatform.api.online;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.dinplatform.api.error.InvalidRequestException;
import io.dinplatform.api.error.ResourceNotFoundException;
import io.dinplatform.api.permission.ResourceAccess;
import io.dinplatform.registry.impression.ImpressionSampling;
import io.dinplatform.registry.impression.OnlineWindow;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.permission.ProtectedResource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static io.dinplatform.api.error.InvalidRequestException.invalidField;

/**
 * Online evaluation: click feedback on served impressions, the figures per version and window that come of it, and
 * each model's share of requests logged.
 */
@RestController
@Tag(name = "Online evaluation", description = "Impressions, click feedback and online metrics")
public class OnlineEvaluationController {

    /** The most windows one request may ask for (a month of hours, about three years of days). */
    static final int MAX_WINDOWS = 24 * 31;

    private final FeedbackService feedback;
    private final OnlineMetricsService metrics;
    private final OnlineComparisonService comparisons;
    private final DriftService drift;
    private final ImpressionSampling sampling;
    private final ImpressionSampler sampler;
    private final ModelRepository models;
    private final ResourceAccess access;
    private final Clock clock;

    public OnlineEvaluationController(FeedbackService feedback, OnlineMetricsService metrics,
                                      OnlineComparisonService comparisons, DriftService drift,
                                      ImpressionSampling sampling, ImpressionSampler sampler, ModelRepository models,
                                      ResourceAccess access, Clock clock) {
        this.feedback = feedback;
        this.metrics = metrics;
        this.comparisons = comparisons;
        this.drift = drift;
        this.sampling = sampling;
        this.sampler = sampler;
        this.models = models;
        this.access = access;
        this.clock = clock;
    }

    @PostMapping("/api/v1/feedback")
    @Operation(operationId = "recordFeedback", summary = "Report clicks (and non-clicks) on served impressions; "
            + "idempotent, the latest report of an impression counts, an unknown or expired id is that report's "
            + "outcome and the others are recorded")
    public FeedbackResponse feedback(@RequestBody List<FeedbackReport> reports) {
        return feedback.record(reports);
    }

    @GetMapping("/api/v1/models/{name}/online-metrics")
    @Operation(operationId = "getOnlineMetrics", summary = "Per version, arm and window: impressions, clicks, CTR, "
            + "mean predicted CTR, calibration, AUC and GAUC over the impressions with feedback, latency percentiles")
    public OnlineMetricsView onlineMetrics(
            @PathVariable String name,
            @Parameter(description = "the first instant covered (ISO 8601); default: 24 windows before `to`")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @Parameter(description = "the end of the period, exclusive (ISO 8601); default: now")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "HOUR") OnlineWindow window) {
        existing(name);
        Period period = period(from, to, window);
        return metrics.metrics(name, period.from(), period.to(), window);
    }

    @GetMapping("/api/v1/models/{name}/online-comparison")
    @Operation(operationId = "getOnlineComparison", summary = "Two arms side by side over a period: CTR with Wilson "
            + "intervals and the two-proportion z-test of the difference, AUC and GAUC with bootstrap intervals over "
            + "users, and a verdict (b better, worse, or no difference yet with about how many more impressions "
            + "would show it)")
    public OnlineComparisonView onlineComparison(
            @PathVariable String name,
            @Parameter(description = "the baseline arm: a version (3 or v3), an alias's arm (production@v3), either "
                    + "with ':shadow' for the version's shadow scores")
            @RequestParam(required = false) String a,
            @Parameter(description = "the arm compared with it, as `a`")
            @RequestParam(required = false) String b,
            @Parameter(description = "the first instant covered (ISO 8601); default: 24 hours before `to`")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @Parameter(description = "the end of the period, exclusive (ISO 8601); default: now")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
        ComparedArm first = ComparedArm.parse("a", a);
        ComparedArm second = ComparedArm.parse("b", b);
        if (first.equals(second)) {
            throw invalidField("b", "the same arm as a (" + first.label() + ")");
        }
        existing(name);
        Period period = period(from, to, OnlineWindow.HOUR);
        return comparisons.compare(name, first, second, period.from(), period.to());
    }

    @GetMapping("/api/v1/models/{name}/drift")
    @Operation(operationId = "getDrift", summary = "Per version and window, served inputs and scores against the "
            + "reference as population stability indexes: history lengths against the training data, scores and "
            + "each feature's unknown-id rate against the version's first window; what moved past the threshold")
    public DriftView drift(
            @PathVariable String name,
            @Parameter(description = "the first instant covered (ISO 8601); default: 24 windows before `to`")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @Parameter(description = "the end of the period, exclusive (ISO 8601); default: now")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "HOUR") OnlineWindow window) {
        existing(name);
        Period period = period(from, to, window);
        return drift.drift(name, period.from(), period.to(), window);
    }

    /** The period asked for, or the 24 windows up to now. */
    private Period period(Instant from, Instant to, OnlineWindow window) {
        Instant end = to == null ? clock.instant() : to;
        Instant start = from == null ? end.minus(window.length().multipliedBy(24)) : from;
        if (!start.isBefore(end)) {
            throw invalidField("from", "must be before `to` (" + end + "), got " + start);
        }
        if (Duration.between(start, end).compareTo(window.length().multipliedBy(MAX_WINDOWS)) > 0) {
            throw invalidField("from", "at most " + MAX_WINDOWS + " windows of one "
                    + window.name().toLowerCase(Locale.ROOT) + " per request");
        }
        return new Period(start, end);
    }

    private record Period(Instant from, Instant to) {
    }

    @GetMapping("/api/v1/models/{name}/impression-logging")
    @Operation(operationId = "getImpressionLogging", summary = "The share of the model's requests logged")
    public ImpressionLogging logging(@PathVariable String name) {
        existing(name);
        return new ImpressionLogging(name, sampler.rateOf(name), sampling.rateOf(name).isPresent());
    }

    @PutMapping("/api/v1/models/{name}/impression-logging")
    @Operation(operationId = "setImpressionLogging", summary = "Set the share of the model's requests logged "
            + "(0 turns logging off for the model); other replicas apply it within din.impressions.sampling-cache-ttl")
    public ImpressionLogging setLogging(@PathVariable String name, @Valid @RequestBody ImpressionLogging update) {
        access.requireWritable(ProtectedResource.MODEL, name);
        if (!sampling.setRate(name, update.sampleRate())) {
            throw notFound(name);
        }
        sampler.forget(name);
        return logging(name);
    }

    /** That the model exists and the caller may read it. */
    private void existing(String name) {
        access.requireReadable(ProtectedResource.MODEL, name);
        models.find(name).orElseThrow(() -> notFound(name));
    }

    private static ResourceNotFoundException notFound(String name) {
        return new ResourceNotFoundException("model '" + name + "' does not exist");
    }

}
