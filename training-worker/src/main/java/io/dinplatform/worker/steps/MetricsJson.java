package io.dinplatform.worker.steps;

import io.dinplatform.core.metrics.BaselineMetrics;
import io.dinplatform.core.metrics.EvaluationMetrics;
import io.dinplatform.core.metrics.PopularityBaseline;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Metrics as the API shows them: {@code auc}, {@code gauc}, {@code logloss}, what they were computed on, and the
 * popularity baseline's figures on the same rows ({@code baseline}: its AUC and GAUC, RelaImpr of the model over it,
 * and whether the model beats it).
 */
public final class MetricsJson {

    private MetricsJson() {
    }

    public static ObjectNode of(EvaluationMetrics metrics) {
        ObjectNode node = JsonMapper.shared().createObjectNode();
        putFinite(node, "auc", metrics.auc());
        putFinite(node, "gauc", metrics.gauc());
        putFinite(node, "logloss", metrics.logLoss());
        node.put("samples", metrics.samples());
        node.put("positives", metrics.positives());
        return node;
    }

    /** {@link #of(EvaluationMetrics)} with the baseline's figures on the same rows; a null baseline adds none. */
    public static ObjectNode of(EvaluationMetrics metrics, BaselineMetrics baseline) {
        ObjectNode node = of(metrics);
        if (baseline != null) {
            ObjectNode figures = node.putObject("baseline");
            figures.put("name", PopularityBaseline.NAME);
            putFinite(figures, "auc", baseline.auc());
            putFinite(figures, "gauc", baseline.gauc());
            putFinite(figures, "relaImprGauc", baseline.relaImprGaucOf(metrics));
            putFinite(figures, "relaImprAuc", baseline.relaImprAucOf(metrics));
            figures.put("beaten", baseline.isBeatenBy(metrics));
        }
        return node;
    }

    /** The metrics back from their JSON form (an undefined metric is NaN again). */
    public static EvaluationMetrics read(JsonNode node) {
        return new EvaluationMetrics(number(node, "auc"), number(node, "gauc"), number(node, "logloss"),
                node.path("samples").asLong(), node.path("positives").asLong());
    }

    private static double number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.asDouble() : Double.NaN;
    }

    /** JSON has no NaN: an undefined metric (one class only) is null. */
    private static void putFinite(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }
}
