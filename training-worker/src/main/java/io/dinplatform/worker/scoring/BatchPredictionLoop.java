package io.dinplatform.worker.scoring;

import java.time.Duration;
import java.util.Optional;

import io.dinplatform.registry.scoring.BatchPrediction;
import io.dinplatform.registry.scoring.BatchPredictionRepository;
import io.dinplatform.worker.lease.LeasedJobLoop;
import io.dinplatform.worker.lease.WorkerIdentity;

/**
 * The worker's second queue, beside the training runs': one thread that claims a batch prediction, scores it, and
 * claims the next. It has its own thread so that a long training run does not hold up offline scoring (a scoring
 * job is short and needs no gradients).
 *
 * <p>Stopping the application asks the running job to stop at its next chunk boundary; the prediction goes back to
 * the queue and the next worker resumes it after its last committed chunk.
 */
public class BatchPredictionLoop extends LeasedJobLoop<BatchPrediction> {

    private final BatchPredictionRepository predictions;
    private final BatchPredictionExecutor executor;
    private final Duration leaseDuration;

    public BatchPredictionLoop(BatchPredictionRepository predictions, BatchPredictionExecutor executor,
                               ActiveBatchPredictions active, WorkerIdentity identity, Duration leaseDuration,
                               Duration pollInterval, Duration shutdownTimeout) {
        super("Batch-prediction worker", "din-batch-predictions", "batch predictions", active, identity,
                pollInterval, shutdownTimeout);
        this.predictions = predictions;
        this.executor = executor;
        this.leaseDuration = leaseDuration;
    }

    @Override
    protected Optional<BatchPrediction> claimNext() {
        return predictions.claimNext(identity().id(), leaseDuration);
    }

    @Override
    protected void execute(BatchPrediction claim) {
        executor.execute(claim);
    }
}
