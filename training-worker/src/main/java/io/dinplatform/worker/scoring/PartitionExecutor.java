package io.dinplatform.worker.scoring;

import java.util.List;
import java.util.Optional;

import ai.djl.Device;
import io.dinplatform.core.device.DeviceChoice;
import io.dinplatform.registry.lease.JobStatus;
import io.dinplatform.registry.scoring.BatchPrediction;
import io.dinplatform.registry.scoring.BatchPredictionRepository;
import io.dinplatform.registry.scoring.PartitionLease;
import io.dinplatform.registry.scoring.PredictionPartition;
import io.dinplatform.registry.scoring.PredictionPartitions;
import io.dinplatform.worker.device.DeviceResolver;
import io.dinplatform.worker.device.DeviceUnavailableException;
import io.dinplatform.worker.lease.FailureClassifier;
import io.dinplatform.worker.lease.LeaseHeartbeat;
import io.dinplatform.worker.lease.StopReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;

/**
 * Executes one claimed partition of a batch prediction: the step execution that the prediction's manager handed out
 * (as Spring Batch Integration's {@code StepExecutionRequestHandler} executes a remote partition), under the
 * partition's lease, then settles the partition from how the step ended: COMPLETED with its part → SUCCEEDED;
 * STOPPED → CANCELLED (the prediction was cancelled), back to the queue (this worker shuts down) or nothing (the
 * lease was lost); FAILED → FAILED for a permanent failure or on its last attempt, else back to the queue.
 */
public class PartitionExecutor {

    private static final Logger log = LoggerFactory.getLogger(PartitionExecutor.class);

    private final PredictionPartitions partitions;
    private final BatchPredictionRepository predictions;
    private final ActivePartitions active;
    private final LeaseHeartbeat<PartitionLease> heartbeat;
    private final Step step;
    private final JobRepository jobRepository;
    private final DeviceResolver devices;
    private final int maxAttempts;

    /** @param step the partition step, whose handed-out executions this worker executes */
    public PartitionExecutor(PredictionPartitions partitions, BatchPredictionRepository predictions,
                             ActivePartitions active, LeaseHeartbeat<PartitionLease> heartbeat, Step step,
                             JobRepository jobRepository, DeviceResolver devices, int maxAttempts) {
        this.partitions = partitions;
        this.predictions = predictions;
        this.active = active;
        this.heartbeat = heartbeat;
        this.step = step;
        this.jobRepository = jobRepository;
        this.devices = devices;
        this.maxAttempts = maxAttempts;
    }

    public void execute(PredictionPartition claimed) {
        PartitionLease lease = claimed.lease();
        Optional<BatchPrediction> prediction = predictions.find(claimed.predictionId());
        StepExecution execution = jobRepository.getStepExecution(claimed.jobExecutionId(),
                claimed.stepExecutionId());
        if (prediction.isEmpty() || execution == null) {
            settle(lease, JobStatus.FAILED, "the partition's prediction or step execution no longer exists");
            return;
        }
        Device device;
        try {
            device = devices.resolve(DeviceChoice.AUTO);
        } catch (DeviceUnavailableException e) {
            requeueOrFail(lease, e);
            return;
        }
        ActivePartition partition = active.open(claimed, prediction.get(), device);
        try (LeaseHeartbeat<PartitionLease>.Beat beat = heartbeat.start(partition.control())) {
            log.info("Batch prediction {}: partition {} (rows {} to {}, attempt {}) on {}", claimed.predictionId(),
                    claimed.index(), claimed.firstRow() + 1, claimed.firstRow() + claimed.rowCount(),
                    lease.attempt(), DeviceResolver.describe(device));
            settle(partition, score(execution));
        } catch (RuntimeException e) {
            failed(partition, e);
        } finally {
            active.close(partition);
        }
    }

    /** Executes the step execution; one left STARTED by a worker that died is executed again from its first row. */
    private StepExecution score(StepExecution execution) {
        try {
            step.execute(execution);
        } catch (JobInterruptedException e) {
            execution.setStatus(BatchStatus.STOPPED);
        }
        return execution;
    }

    private void settle(ActivePartition partition, StepExecution execution) {
        PartitionLease lease = partition.lease();
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            if (!partitions.finish(lease, JobStatus.SUCCEEDED, null) && !partition.control().isLeaseLost()) {
                settle(lease, JobStatus.FAILED, "the dataset ended before the partition's "
                        + partition.partition().rowCount() + " rows");
            }
            return;
        }
        StopReason reason = partition.control().stopReason().orElse(null);
        if (reason == StopReason.LEASE_LOST) {
            log.warn("Batch prediction {}: partition {} was handed to another worker; this one stopped",
                    partition.prediction().id(), partition.partition().index());
        } else if (reason == StopReason.CANCEL_REQUESTED) {
            settle(lease, JobStatus.CANCELLED, null);
        } else if (reason == StopReason.WORKER_SHUTDOWN) {
            partitions.requeue(lease, "worker " + lease.holder() + " shut down; another worker scores the "
                    + "partition", false);
        } else {
            List<Throwable> failures = execution.getFailureExceptions();
            failed(partition, failures.isEmpty()
                    ? new IllegalStateException("the partition's step ended " + execution.getStatus()
                            + " without a reason")
                    : failures.get(0));
        }
    }

    private void failed(ActivePartition partition, Throwable failure) {
        if (!partition.control().isLeaseLost()) {
            requeueOrFail(partition.lease(), failure);
        }
    }

    private void requeueOrFail(PartitionLease lease, Throwable failure) {
        String reason = FailureClassifier.describe(failure);
        if (FailureClassifier.isPermanent(failure)) {
            log.error("Partition {} failed: {}", lease.partitionId(), reason, failure);
            settle(lease, JobStatus.FAILED, reason);
        } else if (lease.attempt() >= maxAttempts) {
            settle(lease, JobStatus.FAILED, "failed after " + lease.attempt() + " attempts: " + reason);
        } else if (partitions.requeue(lease, "attempt " + lease.attempt() + " failed: " + reason, true)) {
            log.warn("Partition {} failed on attempt {} of {}; queued again: {}", lease.partitionId(),
                    lease.attempt(), maxAttempts, reason, failure);
        } else {
            log.warn("Partition {} failed after it was handed out again: {}", lease.partitionId(), reason);
        }
    }

    private void settle(PartitionLease lease, JobStatus status, String error) {
        if (!partitions.finish(lease, status, error)) {
            log.warn("Partition {} could not be marked {}: the lease is lost", lease.partitionId(), status);
        }
    }
}
