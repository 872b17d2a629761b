package io.dinplatform.worker.scoring;

import java.util.Optional;

import io.dinplatform.worker.lease.StopReason;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.StepInterruptionPolicy;

/**
 * Stops the scoring step at a chunk boundary when its prediction must stop (cancelled, lease lost, worker shutting
 * down). The step is marked terminate-only, so it ends STOPPED (not COMPLETED) and a restart resumes after the last
 * committed chunk.
 */
class ChunkBoundaryStop implements StepInterruptionPolicy {

    private final ActiveBatchPredictions active;

    ChunkBoundaryStop(ActiveBatchPredictions active) {
        this.active = active;
    }

    @Override
    public void checkInterrupted(StepExecution step) throws JobInterruptedException {
        ActiveBatchPrediction prediction = active.require(step.getJobParameters());
        Optional<StopReason> reason = prediction.control().stopReason();
        if (reason.isPresent()) {
            step.setTerminateOnly();
            throw new JobInterruptedException("batch prediction " + prediction.id() + " stops: " + reason.get());
        }
    }
}
