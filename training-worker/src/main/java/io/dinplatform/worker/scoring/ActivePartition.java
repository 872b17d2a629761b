package io.dinplatform.worker.scoring;

import ai.djl.Device;
import io.dinplatform.registry.scoring.BatchPrediction;
import io.dinplatform.registry.scoring.PartitionLease;
import io.dinplatform.registry.scoring.PredictionPartition;
import io.dinplatform.worker.lease.ActiveJob;

/**
 * A partition of a batch prediction that this worker scores right now. The worker need not hold the prediction
 * itself: any worker scores any partition.
 *
 * @param partition  the partition as claimed
 * @param prediction its batch prediction
 * @param device     where the model scores
 * @param control    the partition's lease and stop signals
 */
public record ActivePartition(PredictionPartition partition, BatchPrediction prediction, Device device,
                              PartitionControl control) implements ActiveJob {

    public PartitionLease lease() {
        return control.lease();
    }
}
