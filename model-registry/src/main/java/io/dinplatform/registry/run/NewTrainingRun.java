package io.dinplatform.registry.run;

import java.util.Objects;

/**
 * A run to queue.
 *
 * @param modelName        the model the run registers a version of
 * @param request          the validated run request, defaults filled in
 * @param datasetVersionId the dataset version it trains on
 * @param requestedBy      who queued it ({@link io.dinplatform.registry.audit.Principals}): the version it registers is
 *                         recorded in their name
 */
public record NewTrainingRun(String modelName, RunRequest request, long datasetVersionId, String requestedBy) {

    public NewTrainingRun {
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(requestedBy, "requestedBy");
    }
}
