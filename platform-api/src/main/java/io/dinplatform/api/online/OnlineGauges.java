package io.dinplatform.api.online;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dinplatform.api.schedule.PeriodicTask;
import io.dinplatform.registry.impression.FeedbackTally;
import io.dinplatform.registry.impression.ImpressionRepository;
import io.dinplatform.registry.impression.OnlineWindow;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * The online figures and the drift of the last complete hour as gauges, for Prometheus and its alerts: per model,
 * version and arm {@code din_online_impressions}, {@code _labelled}, {@code _clicks}, {@code _ctr},
 * {@code _predicted_ctr}, {@code _calibration}, {@code _auc}, {@code _gauc}; per model and version
 * {@code din_drift_psi} (tag {@code distribution}: {@code score}, {@code historyLength}, or an id feature's unknown
 * rate) and {@code din_drift_moved} (1 when past the threshold). They are the figures that
 * {@code GET /online-metrics} and {@code GET /drift} answer for that hour with {@code window=HOUR}; a figure the hour
 * cannot give (an AUC without a click) has no sample.
 *
 * <p>A complete hour, not the current one, so that a gauge holds still for an hour and an alert compares like with
 * like. Every {@code din.impressions.gauge-refresh} each replica tallies the hour in the shared log (impressions per
 * model, and the feedback's reports, clicks and latest arrival) and computes again only what the tally says changed:
 * a model's online figures when its impressions or the hour's feedback changed (feedback keeps arriving after the
 * hour), its drift only when its impressions did, since drift reads no feedback. Drift reads every served row with
 * its features, so a complete hour's is computed about once. Replicas report the same values, so a query takes any
 * one of them (e.g. {@code max without (instance)}); {@code din_online_gauges_computations_total} counts the
 * computations by {@code figures} ({@code online}, {@code drift}).
 */
public class OnlineGauges extends PeriodicTask {

    private final ImpressionRepository impressions;
    private final OnlineMetricsService metrics;
    private final DriftService drift;
    private final Clock clock;
    private final Map<String, MultiGauge> gauges = new LinkedHashMap<>();
    private final Counter onlineComputations;
    private final Counter driftComputations;
    private HourFigures computed = HourFigures.NONE;

    public OnlineGauges(ImpressionRepository impressions, OnlineMetricsService metrics, DriftService drift,
                        ImpressionProperties properties, Clock clock, MeterRegistry meters) {
        super("online-gauges", "compute the online gauges (the last values stay)", properties.gaugeRefresh());
        this.impressions = impressions;
        this.metrics = metrics;
        this.drift = drift;
        this.clock = clock;
        gauge(meters, "impressions", "din.online.impressions", "Impressions logged in the last complete hour");
        gauge(meters, "labelled", "din.online.labelled", "Of those, the ones with feedback");
        gauge(meters, "clicks", "din.online.clicks", "Of those, the ones clicked");
        gauge(meters, "ctr", "din.online.ctr", "Clicks per impression");
        gauge(meters, "predicted_ctr", "din.online.predicted.ctr", "The mean score of the impressions");
        gauge(meters, "calibration", "din.online.calibration", "The mean score over the CTR");
        gauge(meters, "auc", "din.online.auc", "AUC over the impressions with feedback");
        gauge(meters, "gauc", "din.online.gauc", "Per-user AUC over the impressions with feedback");
        gauge(meters, "psi", "din.drift.psi", "Population stability index of a served distribution");
        gauge(meters, "moved", "din.drift.moved", "1 when a served distribution moved past the threshold");
        this.onlineComputations = computations(meters, "online");
        this.driftComputations = computations(meters, "drift");
    }

    private void gauge(MeterRegistry meters, String key, String name, String description) {
        gauges.put(key, MultiGauge.builder(name).description(description).register(meters));
    }

    private static Counter computations(MeterRegistry meters, String figures) {
        return Counter.builder("din.online.gauges.computations").tag("figures", figures)
                .description("A model's figures of the last complete hour computed for the gauges (a refresh "
                        + "reuses those whose impressions and feedback did not change)")
                .register(meters);
    }

    /**
     * Tallies the last complete hour, computes again the figures of each model whose tally changed since the last
     * refresh (all of them in a new hour), and replaces the gauges' rows.
     */
    public synchronized void refresh() {
        Instant to = OnlineWindow.HOUR.startOf(clock.instant());
        Instant from = to.minus(OnlineWindow.HOUR.length());
        Map<String, Long> served = impressions.servedCounts(from, to);
        FeedbackTally feedback = impressions.feedbackTally(from, to);
        HourFigures previous = computed;
        Map<String, ModelFigures> figures = new LinkedHashMap<>();
        served.forEach((model, count) -> {
            ModelFigures before = previous.of(from, model, count);
            List<GaugeRow> online = before != null && feedback.equals(previous.feedback()) ? before.online()
                    : online(model, from, to);
            List<GaugeRow> drifted = before != null ? before.drift() : drift(model, from, to);
            figures.put(model, new ModelFigures(count, online, drifted));
        });
        computed = new HourFigures(from, feedback, figures);
        register(figures);
    }

    private List<GaugeRow> online(String model, Instant from, Instant to) {
        onlineComputations.increment();
        List<GaugeRow> rows = new ArrayList<>();
        for (OnlineMetricsView.WindowMetrics window : metrics.metrics(model, from, to, OnlineWindow.HOUR).windows()) {
            Tags tags = Tags.of("model", model, "version", Integer.toString(window.version()), "arm",
                    window.arm() == null ? "" : window.arm());
            add(rows, "impressions", tags, (double) window.impressions());
            add(rows, "labelled", tags, (double) window.labelled());
            add(rows, "clicks", tags, (double) window.clicks());
            add(rows, "ctr", tags, window.ctr());
            add(rows, "predicted_ctr", tags, window.meanPredictedCtr());
            add(rows, "calibration", tags, window.calibration());
            add(rows, "auc", tags, window.auc());
            add(rows, "gauc", tags, window.gauc());
        }
        return List.copyOf(rows);
    }

    private List<GaugeRow> drift(String model, Instant from, Instant to) {
        driftComputations.increment();
        List<GaugeRow> rows = new ArrayList<>();
        for (DriftView.WindowDrift window : drift.drift(model, from, to, OnlineWindow.HOUR).windows()) {
            Tags tags = Tags.of("model", model, "version", Integer.toString(window.version()));
            add(rows, "psi", tags.and("distribution", "score"), window.scorePsi());
            add(rows, "psi", tags.and("distribution", "historyLength"), window.historyLengthPsi());
            window.unknownRatePsi().forEach((feature, value) ->
                    add(rows, "psi", tags.and("distribution", "unknown:" + feature), value));
            window.moved().forEach(what -> add(rows, "moved", tags.and("distribution", movedName(what)), 1.0));
        }
        return List.copyOf(rows);
    }

    /** Every gauge's rows at once, so that a model no longer served in the hour leaves every gauge. */
    private void register(Map<String, ModelFigures> figures) {
        Map<String, List<MultiGauge.Row<?>>> rows = new LinkedHashMap<>();
        gauges.keySet().forEach(gauge -> rows.put(gauge, new ArrayList<>()));
        figures.values().forEach(model -> {
            model.online().forEach(row -> rows.get(row.gauge()).add(MultiGauge.Row.of(row.tags(), row.value())));
            model.drift().forEach(row -> rows.get(row.gauge()).add(MultiGauge.Row.of(row.tags(), row.value())));
        });
        gauges.forEach((gauge, multiGauge) -> multiGauge.register(rows.get(gauge), true));
    }

    /** {@code moved} names a feature whose unknown rate moved by the feature's name alone. */
    private static String movedName(String what) {
        return what.equals("score") || what.equals("historyLength") ? what : "unknown:" + what;
    }

    private static void add(List<GaugeRow> rows, String gauge, Tags tags, Double value) {
        if (value != null && Double.isFinite(value)) {
            rows.add(new GaugeRow(gauge, tags, value));
        }
    }

    @Override
    protected void runOnce() {
        refresh();
    }

    /** One sample of one of the gauges. */
    private record GaugeRow(String gauge, Tags tags, double value) {
    }

    /** A model's rows of an hour, and the count of its impressions they were computed from. */
    private record ModelFigures(long impressions, List<GaugeRow> online, List<GaugeRow> drift) {
    }

    /** What the last refresh computed: the hour, the feedback tally it read, and each served model's figures. */
    private record HourFigures(Instant hour, FeedbackTally feedback, Map<String, ModelFigures> models) {

        static final HourFigures NONE = new HourFigures(Instant.EPOCH, null, Map.of());

        /** The model's figures when they were computed for this hour from this many impressions; null otherwise. */
        ModelFigures of(Instant start, String model, long impressions) {
            ModelFigures figures = start.equals(hour) ? models.get(model) : null;
            return figures != null && figures.impressions() == impressions ? figures : null;
        }
    }
}
