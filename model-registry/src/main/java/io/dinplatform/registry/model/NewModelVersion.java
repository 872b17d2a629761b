package io.dinplatform.registry.model;

import java.util.Objects;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/** What registering a model version needs; the number is assigned by the catalog. */
public record NewModelVersion(String modelName, UUID runId, Long datasetVersionId, String bundleSha256,
                              JsonNode metrics, JsonNode parameters) {

    public NewModelVersion {
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(bundleSha256, "bundleSha256");
    }
}
