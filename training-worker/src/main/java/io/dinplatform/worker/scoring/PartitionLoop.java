package io.dinplatform.worker.scoring;

import java.time.Duration;
import java.util.Optional;

import io.dinplatform.registry.scoring.PredictionPartition;
import io.dinplatform.registry.scoring.PredictionPartitions;
import io.dinplatform.worker.lease.LeasedJobLoop;
import io.dinplatform.worker.lease.WorkerIdentity;

/**
 * The worker's third queue: one thread that claims a partition of any worker's batch prediction, scores it, and
 * claims the next. It is apart from the predictions' loop, whose thread waits for the partitions of the prediction
 * it holds, so that a worker scores partitions of its own prediction too.
 *
 * <p>Stopping the application asks the running partition to stop at its next chunk boundary; the partition goes
 * back to the queue and another worker scores it.
 */
public class PartitionLoop extends LeasedJobLoop<PredictionPartition> {

    private final PredictionPartitions partitions;
    private final PartitionExecutor executor;
    private final Duration leaseDuration;

    public PartitionLoop(PredictionPartitions partitions, PartitionExecutor executor, ActivePartitions active,
                         WorkerIdentity identity, Duration leaseDuration, Duration pollInterval,
                         Duration shutdownTimeout) {
        super("Partition worker", "din-prediction-partitions", "partitions of batch predictions", active, identity,
                pollInterval, shutdownTimeout);
        this.partitions = partitions;
        this.executor = executor;
        this.leaseDuration = leaseDuration;
    }

    @Override
    protected Optional<PredictionPartition> claimNext() {
        return partitions.claimNext(identity().id(), leaseDuration);
    }

    @Override
    protected void execute(PredictionPartition claim) {
        executor.execute(claim);
    }
}
