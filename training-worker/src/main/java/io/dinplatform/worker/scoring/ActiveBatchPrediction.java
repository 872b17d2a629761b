package io.dinplatform.worker.scoring;

import java.util.UUID;

import ai.djl.Device;
import io.dinplatform.registry.scoring.BatchPrediction;
import io.dinplatform.registry.scoring.ScoringLease;
import io.dinplatform.worker.lease.ActiveJob;

/**
 * A batch prediction whose job runs on this worker.
 *
 * @param prediction the prediction as claimed
 * @param device     where the model scores
 * @param control    the lease and the stop signals
 */
public record ActiveBatchPrediction(BatchPrediction prediction, Device device, ScoringControl control)
        implements ActiveJob {

    public UUID id() {
        return prediction.id();
    }

    public ScoringLease lease() {
        return control.lease();
    }
}
