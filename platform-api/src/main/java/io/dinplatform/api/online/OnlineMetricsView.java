package io.dinplatform.api.online;

import java.time.Instant;
import java.util.List;

import io.dinplatform.registry.impression.OnlineWindow;

/**
 * The answer of {@code GET /api/v1/models/{name}/online-metrics}: per version, arm and window, what serving showed
 * and what users did.
 *
 * @param model   the registered model
 * @param window  the windows' length
 * @param from    the first instant covered
 * @param to      the end of the period (exclusive)
 * @param windows oldest first; within a window the served versions by version, then arm, then the shadows
 */
public record OnlineMetricsView(String model, OnlineWindow window, Instant from, Instant to,
                                List<WindowMetrics> windows) {

    /**
     * One version and arm in one window. Figures that the window's data cannot give (AUC without both a click and a
     * non-click among the reports, the calibration without a click) are null.
     *
     * @param version          the version that served
     * @param arm              the alias or split arm that chose it; null for requests that named the version
     * @param start            the window's start
     * @param impressions      impressions logged
     * @param labelled         of those, the ones with feedback
     * @param clicks           of those, the ones clicked
     * @param ctr              clicks per impression
     * @param meanPredictedCtr the mean score of the impressions
     * @param calibration      the mean score over the CTR: 1 is calibrated, above 1 the model over-predicts
     * @param auc              AUC over the impressions with feedback
     * @param gauc             per-user AUC (impression-weighted) over the impressions with feedback
     * @param latencyMs        request time in the platform: the median and the 95th and 99th percentiles (for a
     *                         shadow: its scoring time, off the request path)
     * @param shadow           whether these are a shadow version's scores, which were never returned: its
     *                         impressions are the served ones it scored again, its clicks and CTR theirs, and its
     *                         calibration, AUC and GAUC its own scores against those clicks
     */
    public record WindowMetrics(int version, String arm, Instant start, long impressions, long labelled, long clicks,
                                double ctr, double meanPredictedCtr, Double calibration, Double auc, Double gauc,
                                Latency latencyMs, boolean shadow) {
    }

    /** Percentiles of the request time, in milliseconds. */
    public record Latency(double p50, double p95, double p99) {
    }
}
