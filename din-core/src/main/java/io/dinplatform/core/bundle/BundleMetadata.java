package io.dinplatform.core.bundle;

import io.dinplatform.core.metrics.EvaluationMetrics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a bundle records about how its model came to be, next to the model itself.
 *
 * @param training   the training configuration as JSON (the run request's {@code training} section, or any record
 *                   turned into a tree); an empty object when unknown
 * @param metrics    metrics by split name ("validation", "test"), in insertion order
 * @param provenance free-form lineage: run id, dataset name, version and SHA-256, creation time, code version;
 *                   kept sorted by key, so that the same metadata always gives the same bytes
 */
public record BundleMetadata(JsonNode training, Map<String, EvaluationMetrics> metrics,
                             Map<String, String> provenance) {

    public BundleMetadata {
        training = training == null ? JsonNodeFactory.instance.objectNode() : training;
        metrics = metrics == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        provenance = provenance == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(provenance));
    }

    public static BundleMetadata empty() {
        return new BundleMetadata(null, null, null);
    }
}
