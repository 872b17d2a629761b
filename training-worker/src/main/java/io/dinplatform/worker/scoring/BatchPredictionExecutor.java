package io.dinplatform.worker.scoring;

import java.util.List;

import ai.djl.Device;
import io.dinplatform.core.device.DeviceChoice;
import io.dinplatform.registry.lease.JobStatus;
import io.dinplatform.registry.scoring.BatchPrediction;
import io.dinplatform.registry.scoring.BatchPredictionRepository;
import io.dinplatform.registry.scoring.ScoringLease;
import io.dinplatform.worker.device.DeviceResolver;
import io.dinplatform.worker.device.DeviceUnavailableException;
import io.dinplatform.worker.lease.FailureClassifier;
import io.dinplatform.worker.lease.LeaseHeartbeat;
import io.dinplatform.worker.lease.LeasedJobLauncher;
import io.dinplatform.worker.lease.StopReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/**
 * Executes one claimed batch prediction under its lease and settles its status from how the job ended, as the
 * training runs' executor does: COMPLETED → SUCCEEDED; STOPPED → CANCELLED (a user asked), back to the queue (the
 * worker is shutting down) or nothing at all (the lease was lost); FAILED → FAILED at once for a permanent failure,
 * else back to the queue until the prediction has had its {@code maxAttempts}. A prediction that goes back to the
 * queue keeps its scored partitions for the restart.
 */
public class BatchPredictionExecutor {

    private static final Logger log = LoggerFactory.getLogger(BatchPredictionExecutor.class);

    private final BatchPredictionRepository predictions;
    private final ActiveBatchPredictions active;
    private final LeaseHeartbeat<ScoringLease> heartbeat;
    private final LeasedJobLauncher launcher;
    private final DeviceResolver devices;
    private final int maxAttempts;

    /** @param launcher starts or restarts the batch prediction job (its instance is keyed by the prediction's id) */
    public BatchPredictionExecutor(BatchPredictionRepository predictions, ActiveBatchPredictions active,
                                   LeaseHeartbeat<ScoringLease> heartbeat, LeasedJobLauncher launcher,
                                   DeviceResolver devices, int maxAttempts) {
        this.predictions = predictions;
        this.active = active;
        this.heartbeat = heartbeat;
        this.launcher = launcher;
        this.devices = devices;
        this.maxAttempts = maxAttempts;
    }

    public void execute(BatchPrediction claimed) {
        ScoringLease lease = claimed.lease();
        if (claimed.cancelRequested()) {
            settle(lease, JobStatus.CANCELLED, null);
            return;
        }
        Device device;
        try {
            device = devices.resolve(DeviceChoice.AUTO);
        } catch (DeviceUnavailableException e) {
            settle(lease, JobStatus.FAILED, e.getMessage());
            return;
        }
        run(active.open(claimed, device));
    }

    private void run(ActiveBatchPrediction prediction) {
        try {
            settle(prediction, scoreUnderLease(prediction));
        } catch (Exception e) {
            failed(prediction, e);
        } finally {
            active.close(prediction);
        }
    }

    /** Runs the job while the heartbeat renews the lease; the heartbeat stops before the prediction is settled. */
    private JobExecution scoreUnderLease(ActiveBatchPrediction prediction) throws Exception {
        try (LeaseHeartbeat<ScoringLease>.Beat beat = heartbeat.start(prediction.control())) {
            log.info("Batch prediction {} (attempt {}): {} v{} scores {} v{} on {}", prediction.id(),
                    prediction.lease().attempt(), prediction.prediction().model().name(),
                    prediction.prediction().model().version(), prediction.prediction().dataset().name(),
                    prediction.prediction().dataset().version(), DeviceResolver.describe(prediction.device()));
            return launcher.launch(prediction.id());
        }
    }

    private void settle(ActiveBatchPrediction prediction, JobExecution execution) {
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            settle(prediction.lease(), JobStatus.SUCCEEDED, null);
            return;
        }
        StopReason reason = prediction.control().stopReason().orElse(null);
        if (reason == StopReason.LEASE_LOST) {
            log.warn("Batch prediction {}: another worker took it over; this one stopped", prediction.id());
        } else if (reason == StopReason.CANCEL_REQUESTED) {
            settle(prediction.lease(), JobStatus.CANCELLED, null);
        } else if (reason == StopReason.WORKER_SHUTDOWN) {
            predictions.requeue(prediction.lease(), "worker " + prediction.lease().holder() + " shut down; the "
                    + "prediction resumes with its unscored partitions on the next worker", false);
        } else {
            List<Throwable> failures = execution.getAllFailureExceptions();
            failed(prediction, failures.isEmpty()
                    ? new IllegalStateException("the batch prediction job ended " + execution.getStatus()
                            + " without a reason")
                    : failures.get(0));
        }
    }

    private void failed(ActiveBatchPrediction prediction, Throwable failure) {
        ScoringLease lease = prediction.lease();
        if (prediction.control().isLeaseLost()) {
            return;
        }
        String reason = FailureClassifier.describe(failure);
        if (FailureClassifier.isPermanent(failure)) {
            log.error("Batch prediction {} failed: {}", lease.predictionId(), reason, failure);
            settle(lease, JobStatus.FAILED, reason);
        } else if (lease.attempt() >= maxAttempts) {
            log.error("Batch prediction {} failed on its last attempt ({} of {}): {}", lease.predictionId(),
                    lease.attempt(), maxAttempts, reason, failure);
            settle(lease, JobStatus.FAILED, "failed after " + lease.attempt() + " attempts: " + reason);
        } else {
            log.warn("Batch prediction {} failed on attempt {} of {}; queued again: {}", lease.predictionId(),
                    lease.attempt(), maxAttempts, reason, failure);
            predictions.requeue(lease, "attempt " + lease.attempt() + " failed: " + reason, true);
        }
    }

    private void settle(ScoringLease lease, JobStatus status, String error) {
        if (predictions.finish(lease, status, error)) {
            log.info("Batch prediction {} {}", lease.predictionId(), status);
        } else {
            log.warn("Batch prediction {} could not be marked {}: the lease is lost", lease.predictionId(), status);
        }
    }
}
