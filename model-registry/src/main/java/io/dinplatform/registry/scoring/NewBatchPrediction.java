package io.dinplatform.registry.scoring;

import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * A batch prediction to queue, its model version and dataset version already resolved.
 *
 * @param request          the request as the user gave it, with what it resolved to (JSON)
 * @param modelVersionId   the model version that scores (an alias is resolved before this is built)
 * @param datasetVersionId the dataset version whose rows it scores
 * @param rowsTotal        the dataset version's number of rows: the denominator of the progress
 * @param partitions       into how many partitions the rows are split (1 to {@value #MAX_PARTITIONS})
 */
public record NewBatchPrediction(JsonNode request, long modelVersionId, long datasetVersionId, long rowsTotal,
                                 int partitions) {

    /** The most partitions the catalog accepts for one prediction. */
    public static final int MAX_PARTITIONS = 1024;

    public NewBatchPrediction {
        Objects.requireNonNull(request, "request");
        if (rowsTotal < 0) {
            throw new IllegalArgumentException("rowsTotal must not be negative, got " + rowsTotal);
        }
        if (partitions < 1 || partitions > MAX_PARTITIONS) {
            throw new IllegalArgumentException("partitions must be between 1 and " + MAX_PARTITIONS + ", got "
                    + partitions);
        }
    }
}
