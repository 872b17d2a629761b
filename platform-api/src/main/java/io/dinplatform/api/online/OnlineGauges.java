package io.dinplatform.api.online;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dinplatform.api.schedule.PeriodicTask;
import io.dinplatform.registry.impression.ImpressionRepository;
import io.dinplatform.registry.impression.OnlineWindow;
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
 * like. The figures are computed again every {@code din.impressions.gauge-refresh} by every replica from the shared
 * log: replicas report the same values, so a query takes any one of them (e.g. {@code max without (instance)}).
 */
public class OnlineGauges extends PeriodicTask {

    private final ImpressionRepository impressions;
    private final OnlineMetricsService metrics;
    private final DriftService drift;
    private final Clock clock;
    private final Map<String, MultiGauge> online;
    private final MultiGauge psi;
    private final MultiGauge moved;

    public OnlineGauges(ImpressionRepository impressions, OnlineMetricsService metrics, DriftService drift,
                        ImpressionProperties properties, Clock clock, MeterRegistry meters) {
        super("online-gauges", "compute the online gauges (the last values stay)", properties.gaugeRefresh());
        this.impressions = impressions;
        this.metrics = metrics;
        this.drift = drift;
        this.clock = clock;
        this.online = Map.of(
                "impressions", gauge(meters, "din.online.impressions", "Impressions logged in the last complete hour"),
                "labelled", gauge(meters, "din.online.labelled", "Of those, the ones with feedback"),
                "clicks", gauge(meters, "din.online.clicks", "Of those, the ones clicked"),
                "ctr", gauge(meters, "din.online.ctr", "Clicks per impression"),
                "predicted_ctr", gauge(meters, "din.online.predicted.ctr", "The mean score of the impressions"),
                "calibration", gauge(meters, "din.online.calibration", "The mean score over the CTR"),
                "auc", gauge(meters, "din.online.auc", "AUC over the impressions with feedback"),
                "gauc", gauge(meters, "din.online.gauc", "Per-user AUC over the impressions with feedback"));
        this.psi = gauge(meters, "din.drift.psi", "Population stability index of a served distribution");
        this.moved = gauge(meters, "din.drift.moved", "1 when a served distribution moved past the threshold");
    }

    private static MultiGauge gauge(MeterRegistry meters, String name, String description) {
        return MultiGauge.builder(name).description(description).register(meters);
    }

    /** Computes the figures of the last complete hour again and replaces the gauges' rows with them. */
    public void refresh() {
        Instant to = OnlineWindow.HOUR.startOf(clock.instant());
        Instant from = to.minus(OnlineWindow.HOUR.length());
        Map<String, List<MultiGauge.Row<?>>> onlineRows = new HashMap<>();
        online.keySet().forEach(figure -> onlineRows.put(figure, new ArrayList<>()));
        List<MultiGauge.Row<?>> psiRows = new ArrayList<>();
        List<MultiGauge.Row<?>> movedRows = new ArrayList<>();
        for (String model : impressions.modelsServed(from, to)) {
            for (OnlineMetricsView.WindowMetrics window : metrics.metrics(model, from, to, OnlineWindow.HOUR)
                    .windows()) {
                Tags tags = Tags.of("model", model, "version", Integer.toString(window.version()), "arm",
                        window.arm() == null ? "" : window.arm());
                add(onlineRows.get("impressions"), tags, (double) window.impressions());
                add(onlineRows.get("labelled"), tags, (double) window.labelled());
                add(onlineRows.get("clicks"), tags, (double) window.clicks());
                add(onlineRows.get("ctr"), tags, window.ctr());
                add(onlineRows.get("predicted_ctr"), tags, window.meanPredictedCtr());
                add(onlineRows.get("calibration"), tags, window.calibration());
                add(onlineRows.get("auc"), tags, window.auc());
                add(onlineRows.get("gauc"), tags, window.gauc());
            }
            for (DriftView.WindowDrift window : drift.drift(model, from, to, OnlineWindow.HOUR).windows()) {
                Tags tags = Tags.of("model", model, "version", Integer.toString(window.version()));
                add(psiRows, tags.and("distribution", "score"), window.scorePsi());
                add(psiRows, tags.and("distribution", "historyLength"), window.historyLengthPsi());
                window.unknownRatePsi().forEach((feature, value) ->
                        add(psiRows, tags.and("distribution", "unknown:" + feature), value));
                window.moved().forEach(what -> add(movedRows, tags.and("distribution", movedName(what)), 1.0));
            }
        }
        online.forEach((figure, gauge) -> gauge.register(onlineRows.get(figure), true));
        psi.register(psiRows, true);
        moved.register(movedRows, true);
    }

    /** {@code moved} names a feature whose unknown rate moved by the feature's name alone. */
    private static String movedName(String what) {
        return what.equals("score") || what.equals("historyLength") ? what : "unknown:" + what;
    }

    private static void add(List<MultiGauge.Row<?>> rows, Tags tags, Double value) {
        if (value != null && Double.isFinite(value)) {
            rows.add(MultiGauge.Row.of(tags, value));
        }
    }

    @Override
    protected void runOnce() {
        refresh();
    }
}
