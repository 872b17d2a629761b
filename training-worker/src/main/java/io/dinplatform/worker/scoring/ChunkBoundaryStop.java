package io.dinplatform.worker.scoring;

import java.util.Optional;

import io.dinplatform.worker.lease.StopReason;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.StepInterruptionPolicy;

/**
 * Stops a partition's step at a chunk boundary when the partition must stop: its prediction cancelled (the
 * partition's heartbeat reports the flag), its lease lost, or the worker shutting down. The step is marked
 * terminate-only, so it ends STOPPED (not COMPLETED) and its part is discarded.
 */
class ChunkBoundaryStop implements StepInterruptionPolicy {

    private final ActivePartitions active;

    ChunkBoundaryStop(ActivePartitions active) {
        this.active = active;
    }

    @Override
    public void checkInterrupted(StepExecution step) throws JobInterruptedException {
        ActivePartition partition = active.require(step);
        Optional<StopReason> reason = partition.control().stopReason();
        if (reason.isPresent()) {
            step.setTerminateOnly();
            throw new JobInterruptedException("partition " + partition.partition().index() + " of batch prediction "
                    + partition.prediction().id() + " stops: " + reason.get());
        }
    }
}
