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
 */
public record NewBatchPrediction(JsonNode request, long modelVersionId, long datasetVersionId, long rowsTotal) {

    public NewBatchPrediction {
        Objects.requireNonNull(request, "request");
        if (rowsTotal < 0) {
            throw new IllegalArgumentException("rowsTotal must not be negative, got " + rowsTotal);
        }
    }
}
