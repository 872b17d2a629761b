package io.dinplatform.api.online;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.dinplatform.registry.impression.OnlineWindow;

/**
 * The answer of {@code GET /api/v1/models/{name}/drift}: per version and window, how the served inputs and scores
 * compare with the reference, as population stability indexes, and which of them moved past the threshold.
 *
 * @param model     the registered model
 * @param window    the windows' length
 * @param threshold the index above which a distribution counts as moved ({@code din.impressions.drift-threshold})
 * @param windows   oldest first, by version within a window
 */
public record DriftView(String model, OnlineWindow window, double threshold, List<WindowDrift> windows) {

    /**
     * One version in one window.
     *
     * @param version           the version that served
     * @param start             the window's start
     * @param impressions       impressions logged
     * @param historyLengthPsi  the history lengths against those of the version's training data (its statistics'
     *                          histogram); null when the model has no history or its data has no histogram
     * @param scorePsi          the scores (ten bins of 0.1) against the version's first window in the period; null in
     *                          that first window
     * @param unknownRates      per feature, the share of impressions whose id the model did not know
     * @param unknownRatePsi    per feature, that share against the version's first window in the period
     * @param moved             what moved past the threshold: {@code historyLength}, {@code score}, or a feature's name
     */
    public record WindowDrift(int version, Instant start, long impressions, Double historyLengthPsi, Double scorePsi,
                              Map<String, Double> unknownRates, Map<String, Double> unknownRatePsi,
                              List<String> moved) {
    }
}
