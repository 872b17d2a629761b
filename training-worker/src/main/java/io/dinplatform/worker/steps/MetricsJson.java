package io.dinplatform.worker.steps;

import io.dinplatform.core.metrics.EvaluationMetrics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Metrics as the API shows them: {@code auc}, {@code gauc}, {@code logloss}, and what they were computed on. */
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

    /** The metrics back from their JSON form (an undefined metric is NaN again). */
    static EvaluationMetrics read(JsonNode node) {
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
