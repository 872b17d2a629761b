package io.dinplatform.worker.steps;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.dinplatform.core.data.DataFormatException;
import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.encode.DatasetEncoder;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSchemaJson;
import io.dinplatform.core.schema.InvalidSchemaException;
import io.dinplatform.registry.artifact.ArtifactIntegrityException;
import io.dinplatform.registry.artifact.ArtifactNotFoundException;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.worker.lease.PermanentJobFailure;

/**
 * The encoded dataset of each run executing on this worker.
 *
 * <p>Encoding is deterministic (vocabularies from the training split, the seeded group split), so it is not
 * persisted: the prepare step encodes, later steps reuse the result in memory, and a run resumed in another process
 * simply encodes again and gets the same indices its checkpoint was trained with.
 */
public class PreparedDatasets {

    private final DatasetRepository datasets;
    private final ArtifactStore artifacts;
    private final Map<UUID, PreparedDataset> byRun = new ConcurrentHashMap<>();

    public PreparedDatasets(DatasetRepository datasets, ArtifactStore artifacts) {
        this.datasets = datasets;
        this.artifacts = artifacts;
    }

    /** The run's dataset, loaded, verified and encoded on first use. */
    public PreparedDataset of(UUID runId, long datasetVersionId) {
        return byRun.computeIfAbsent(runId, id -> load(datasetVersionId));
    }

    /** Frees a finished (or released) run's dataset. */
    public void release(UUID runId) {
        byRun.remove(runId);
    }

    private PreparedDataset load(long datasetVersionId) {
        DatasetVersion version = datasets.findById(datasetVersionId).orElseThrow(() -> new PermanentJobFailure(
                "dataset version " + datasetVersionId + " no longer exists in the catalog"));
        String label = "dataset " + version.name() + " version " + version.version();
        FeatureSchema schema = schema(version, label);
        try {
            // The whole file is hashed before any of it is used: a corrupt file must fail as corrupt, not as
            // whatever parse error its damage happens to cause.
            Path file = artifacts.verifiedPath(version.sha256());
            try (InputStream in = Files.newInputStream(file)) {
                EncodedDataset encoded = new DatasetEncoder(schema).encode(in);
                return new PreparedDataset(version, encoded);
            }
        } catch (ArtifactIntegrityException e) {
            throw new PermanentJobFailure("the file of " + label + " is corrupt: its SHA-256 is " + e.actualSha256()
                    + " but the catalog registered " + e.expectedSha256(), e);
        } catch (ArtifactNotFoundException e) {
            throw new PermanentJobFailure("the file of " + label + " (artifact " + version.sha256()
                    + ") is missing from the artifact store", e);
        } catch (DataFormatException e) {
            throw new PermanentJobFailure(label + " cannot be encoded: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not read " + label + ": " + e.getMessage(), e);
        }
    }

    private static FeatureSchema schema(DatasetVersion version, String label) {
        try {
            return FeatureSchemaJson.fromTree(version.schema());
        } catch (InvalidSchemaException e) {
            throw new PermanentJobFailure("the schema of " + label + " is invalid: " + e.getMessage(), e);
        }
    }
}
