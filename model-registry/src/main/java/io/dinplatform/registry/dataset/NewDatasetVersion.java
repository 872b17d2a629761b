package io.dinplatform.registry.dataset;

import java.util.List;
import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * What registering a dataset version needs; the number is assigned by the catalog. A version has either a stored
 * artifact ({@code storageKey}) or, registered by reference, its objects ({@code storageKey} null), and optionally
 * an items table ({@code items}, ids unique), registered with it.
 */
public record NewDatasetVersion(String name, String sha256, long sizeBytes, long rows, JsonNode schema,
                                JsonNode statistics, JsonNode origin, String storageKey, List<DatasetObject> objects,
                                List<DatasetItem> items) {

    public NewDatasetVersion {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(statistics, "statistics");
        objects = List.copyOf(objects);
        items = List.copyOf(items);
        if ((storageKey == null) == objects.isEmpty()) {
            throw new IllegalArgumentException("a dataset version has either a stored artifact or referenced objects");
        }
    }

    /** A version without items. */
    public NewDatasetVersion(String name, String sha256, long sizeBytes, long rows, JsonNode schema,
                             JsonNode statistics, JsonNode origin, String storageKey, List<DatasetObject> objects) {
        this(name, sha256, sizeBytes, rows, schema, statistics, origin, storageKey, objects, List.of());
    }

    /** A version whose data is a stored artifact. */
    public NewDatasetVersion(String name, String sha256, long sizeBytes, long rows, JsonNode schema,
                             JsonNode statistics, JsonNode origin, String storageKey) {
        this(name, sha256, sizeBytes, rows, schema, statistics, origin,
                Objects.requireNonNull(storageKey, "storageKey"), List.of());
    }

    /** This version with an items table. */
    public NewDatasetVersion withItems(List<DatasetItem> newItems) {
        return new NewDatasetVersion(name, sha256, sizeBytes, rows, schema, statistics, origin, storageKey, objects,
                newItems);
    }
}
