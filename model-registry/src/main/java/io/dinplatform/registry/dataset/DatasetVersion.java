package io.dinplatform.registry.dataset;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * One immutable version of a dataset.
 *
 * @param id         the catalog's key, referenced by training runs and model lineage
 * @param name       the dataset's name
 * @param version    1, 2, ... in order of registration
 * @param sha256     the content's SHA-256, also its address in the artifact store
 * @param sizeBytes  the stored file's length
 * @param rows       the number of samples
 * @param schema     the feature schema (JSON)
 * @param statistics what was computed at registration (JSON)
 * @param origin     how the version came to be: an upload or a build (JSON)
 * @param storageKey the artifact's location relative to the store; null for a version registered by reference
 * @param items      the number of rows of its items table ({@link DatasetItemRepository}); 0 when it has none
 * @param createdAt  when it was registered
 */
public record DatasetVersion(long id, String name, int version, String sha256, long sizeBytes, long rows,
                             JsonNode schema, JsonNode statistics, JsonNode origin, String storageKey, int items,
                             Instant createdAt) {

    /** Whether the data lies where the client named it ({@link DatasetRepository#findObjects}), not in the store. */
    public boolean referenced() {
        return storageKey == null;
    }
}
