package io.dinplatform.api.dataset;

import java.time.Instant;

import io.dinplatform.registry.dataset.DatasetVersion;
import tools.jackson.databind.JsonNode;

/**
 * One dataset version as the API shows it.
 *
 * @param name      the dataset
 * @param version   its number
 * @param sha256    the content's SHA-256
 * @param rows      samples
 * @param sizeBytes the stored file's size
 * @param stats     statistics computed at registration
 * @param schema    the feature schema
 * @param origin    an upload or a build, with the build's options
 * @param items     the rows of its items table ({@code .../items}); 0 when it has none
 * @param createdAt when it was registered
 */
public record DatasetVersionView(String name, int version, String sha256, long rows, long sizeBytes, JsonNode stats,
                                 JsonNode schema, JsonNode origin, int items, Instant createdAt) {

    public static DatasetVersionView of(DatasetVersion v) {
        return new DatasetVersionView(v.name(), v.version(), v.sha256(), v.rows(), v.sizeBytes(), v.statistics(),
                v.schema(), v.origin(), v.items(), v.createdAt());
    }
}
