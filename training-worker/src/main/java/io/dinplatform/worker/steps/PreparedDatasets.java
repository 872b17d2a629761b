package io.dinplatform.worker.steps;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.dinplatform.core.data.encode.ShardedDatasetEncoder;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSchemaJson;
import io.dinplatform.core.schema.InvalidSchemaException;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.worker.encoding.DatasetEncodings;
import io.dinplatform.worker.lease.PermanentJobFailure;

/**
 * The sharded dataset of each run executing on this worker: the version's training encoding (split by group, the
 * schema's vocabulary settings), found or made by {@link DatasetEncodings}.
 */
public class PreparedDatasets {

    private final DatasetRepository datasets;
    private final DatasetEncodings encodings;
    private final ShardProperties settings;
    private final Map<UUID, PreparedDataset> byRun = new ConcurrentHashMap<>();

    public PreparedDatasets(DatasetRepository datasets, DatasetEncodings encodings, ShardProperties settings) {
        this.datasets = datasets;
        this.encodings = encodings;
        this.settings = settings;
    }

    /** The run's dataset, its shards found or encoded on first use. */
    public PreparedDataset of(UUID runId, long datasetVersionId) {
        return byRun.computeIfAbsent(runId, id -> load(datasetVersionId));
    }

    /** The rows a training epoch shuffles together ({@link ShardProperties#shuffleBufferRows}). */
    public int shuffleBufferRows() {
        return settings.shuffleBufferRows();
    }

    /** Frees a finished (or released) run's dataset. */
    public void release(UUID runId) {
        byRun.remove(runId);
    }

    private PreparedDataset load(long datasetVersionId) {
        DatasetVersion version = datasets.findById(datasetVersionId).orElseThrow(() -> new PermanentJobFailure(
                "dataset version " + datasetVersionId + " no longer exists in the catalog"));
        FeatureSchema schema = schema(version, "dataset " + version.name() + " version " + version.version());
        DatasetEncodings.Encoding encoding = encodings.open(version, schema,
                new ShardedDatasetEncoder(schema, settings.rowsPerShard()));
        return new PreparedDataset(version, encoding.shards(), encoding.key(), encoding.reused(), encoding.time());
    }

    private static FeatureSchema schema(DatasetVersion version, String label) {
        try {
            return FeatureSchemaJson.fromTree(version.schema());
        } catch (InvalidSchemaException e) {
            throw new PermanentJobFailure("the schema of " + label + " is invalid: " + e.getMessage(), e);
        }
    }
}
