package io.dinplatform.registry.dataset;

import java.util.Objects;

import tools.jackson.databind.JsonNode;

/** What registering a dataset version needs; the number is assigned by the catalog. */
public record NewDatasetVersion(String name, String sha256, long sizeBytes, long rows, JsonNode schema,
                                JsonNode statistics, JsonNode origin, String storageKey) {

    public NewDatasetVersion {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(statistics, "statistics");
        Objects.requireNonNull(storageKey, "storageKey");
    }
}
