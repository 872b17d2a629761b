package io.dinplatform.worker.scoring;

import java.util.UUID;

import ai.djl.Device;
import io.dinplatform.registry.scoring.BatchPrediction;
import io.dinplatform.registry.scoring.PredictionPartition;
import io.dinplatform.worker.lease.ActiveJobs;
import org.springframework.batch.core.step.StepExecution;

/**
 * The partitions this worker scores right now, by the id they were handed out under: the partition step finds
 * its own (range, lease, device, stop signals) from the id that its step execution context carries.
 */
public class ActivePartitions extends ActiveJobs<ActivePartition> {

    public ActivePartitions() {
        super("batch prediction partition");
    }

    /** Registers a partition that this worker has claimed. */
    public ActivePartition open(PredictionPartition claimed, BatchPrediction prediction, Device device) {
        return register(new ActivePartition(claimed, prediction, device, new PartitionControl(claimed.lease())));
    }

    /** The partition a step execution scores. */
    public ActivePartition require(StepExecution step) {
        return require(UUID.fromString(step.getExecutionContext().getString(RowRangePartitioner.PARTITION_ID)));
    }
}
