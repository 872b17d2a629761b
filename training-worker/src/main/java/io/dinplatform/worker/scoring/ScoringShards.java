package io.dinplatform.worker.scoring;

import io.dinplatform.core.data.encode.ScoringEncoding;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSchemaJson;
import io.dinplatform.core.schema.InvalidSchemaException;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.scoring.BatchPrediction;
import io.dinplatform.worker.encoding.DatasetEncodings;
import io.dinplatform.worker.lease.PermanentJobFailure;

/**
 * The scoring shards of a batch prediction's dataset version ({@link ScoringEncoding}: every row in file order,
 * every value with an id of its own), found in the {@code encoded_datasets} catalog or encoded once by
 * {@link DatasetEncodings}: every later prediction over the version, on any worker, reads the same shards.
 */
public class ScoringShards {

    private final DatasetRepository datasets;
    private final DatasetEncodings encodings;
    private final int rowsPerShard;

    public ScoringShards(DatasetRepository datasets, DatasetEncodings encodings, int rowsPerShard) {
        this.datasets = datasets;
        this.encodings = encodings;
        this.rowsPerShard = rowsPerShard;
    }

    /**
     * The shards of the prediction's dataset version.
     *
     * @throws PermanentJobFailure when the version is gone, its data cannot be encoded, or it does not hold the rows
     *                             the prediction counts
     */
    public DatasetEncodings.Encoding of(BatchPrediction prediction) {
        long id = prediction.dataset().id();
        DatasetVersion version = datasets.findById(id).orElseThrow(() -> new PermanentJobFailure(
                "dataset version " + id + " no longer exists in the catalog"));
        FeatureSchema schema = schemaOf(version);
        DatasetEncodings.Encoding encoding = encodings.open(version, ScoringEncoding.schemaOf(schema),
                ScoringEncoding.encoder(schema, rowsPerShard));
        long rows = encoding.shards().manifest().rows(ScoringEncoding.SPLIT);
        if (rows != prediction.rowsTotal()) {
            throw new PermanentJobFailure("dataset " + version.name() + " version " + version.version() + " encodes "
                    + "into " + rows + " rows but the prediction counts " + prediction.rowsTotal());
        }
        return encoding;
    }

    private static FeatureSchema schemaOf(DatasetVersion version) {
        try {
            return FeatureSchemaJson.fromTree(version.schema());
        } catch (InvalidSchemaException e) {
            throw new PermanentJobFailure("the schema of dataset " + version.name() + " version "
                    + version.version() + " is invalid: " + e.getMessage(), e);
        }
    }
}
