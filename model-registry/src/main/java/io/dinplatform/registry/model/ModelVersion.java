package io.dinplatform.registry.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.dinplatform.registry.dataset.DatasetVersionRef;
import tools.jackson.databind.JsonNode;

/**
 * One trained, immutable version of a model.
 *
 * @param id           the catalog's key
 * @param modelName    the model's name
 * @param version      1, 2, ... in order of registration
 * @param runId        lineage: the training run that produced it (null when registered by hand)
 * @param dataset      lineage: the dataset version it was trained on (null when unknown)
 * @param bundleSha256 the SHA-256 of the model bundle, its address in the artifact store
 * @param metrics      test metrics (JSON)
 * @param parameters   architecture and training parameters (JSON)
 * @param aliases      the aliases that point at this version
 * @param createdAt    when it was registered
 */
public record ModelVersion(long id, String modelName, int version, UUID runId, DatasetVersionRef dataset,
                           String bundleSha256, JsonNode metrics, JsonNode parameters, List<String> aliases,
                           Instant createdAt) {

    public ModelVersion {
        aliases = List.copyOf(aliases);
    }
}
