package io.dinplatform.worker.job;

import java.util.List;

import ai.djl.Device;
import io.dinplatform.registry.lease.JobStatus;
import io.dinplatform.registry.run.ClaimedRun;
import io.dinplatform.registry.run.RunLease;
import io.dinplatform.registry.run.RunQueue;
import io.dinplatform.worker.device.DeviceResolver;
import io.dinplatform.worker.device.DeviceUnavailableException;
import io.dinplatform.worker.lease.FailureClassifier;
import io.dinplatform.worker.lease.LeaseHeartbeat;
import io.dinplatform.worker.lease.LeasedJobLauncher;
import io.dinplatform.worker.lease.PermanentJobFailure;
import io.dinplatform.worker.lease.StopReason;
import io.dinplatform.worker.steps.ActiveRun;
import io.dinplatform.worker.steps.ActiveRuns;
import io.dinplatform.worker.steps.RunSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/**
 * Executes one claimed run under its lease and settles the run's status from how the job ended:
 * COMPLETED → SUCCEEDED; STOPPED → CANCELLED (a user asked), back to the queue (the worker is shutting down), or
 * nothing at all (the lease was lost); FAILED → FAILED at once for a permanent failure, else back to the queue until
 * the run has had its {@code maxAttempts}.
 */
public class RunExecutor {

    private static final Logger log = LoggerFactory.getLogger(RunExecutor.class);

    private final RunQueue queue;
    private final ActiveRuns activeRuns;
    private final LeaseHeartbeat<RunLease> heartbeat;
    private final LeasedJobLauncher launcher;
    private final DeviceResolver devices;
    private final int maxAttempts;

    public RunExecutor(RunQueue queue, ActiveRuns activeRuns, LeaseHeartbeat<RunLease> heartbeat,
                       LeasedJobLauncher launcher, DeviceResolver devices, int maxAttempts) {
        this.queue = queue;
        this.activeRuns = activeRuns;
        this.heartbeat = heartbeat;
        this.launcher = launcher;
        this.devices = devices;
        this.maxAttempts = maxAttempts;
    }

    public RunOutcome execute(ClaimedRun claim) {
        RunLease lease = claim.lease();
        if (claim.cancelRequested()) {
            return settle(lease, JobStatus.CANCELLED, null, RunOutcome.CANCELLED);
        }
        Device device;
        try {
            device = devices.resolve(RunSpec.of(claim.request()).training().device());
        } catch (DeviceUnavailableException | PermanentJobFailure e) {
            log.warn("Refusing run {}: {}", lease.runId(), e.getMessage());
            return settle(lease, JobStatus.FAILED, e.getMessage(), RunOutcome.FAILED);
        }
        return run(claim, device);
    }

    /** Runs the job under a renewed lease, with the run's signals where its steps can find them. */
    private RunOutcome run(ClaimedRun claim, Device device) {
        ActiveRun run = activeRuns.open(claim, device);
        try (LeaseHeartbeat<RunLease>.Beat beat = heartbeat.start(run.control())) {
            log.info("Run {} (attempt {}) on {} as {}{}", run.runId(), claim.lease().attempt(),
                    DeviceResolver.describe(device), claim.lease().holder(),
                    claim.isResumption() ? ", resuming job execution " + claim.jobExecutionId() : "");
            return settle(run, launcher.launch(run.runId()));
        } catch (Exception e) {
            return failed(run, e);
        } finally {
            activeRuns.close(run);
        }
    }

    private RunOutcome settle(ActiveRun run, JobExecution execution) {
        BatchStatus status = execution.getStatus();
        if (status == BatchStatus.COMPLETED) {
            return settle(run.lease(), JobStatus.SUCCEEDED, null, RunOutcome.SUCCEEDED);
        }
        StopReason reason = run.control().stopReason().orElse(null);
        if (reason == StopReason.LEASE_LOST) {
            return RunOutcome.LEASE_LOST;
        }
        if (reason == StopReason.CANCEL_REQUESTED) {
            return settle(run.lease(), JobStatus.CANCELLED, null, RunOutcome.CANCELLED);
        }
        if (reason == StopReason.WORKER_SHUTDOWN) {
            return requeue(run.lease(), "worker " + run.lease().holder() + " shut down; the run resumes from its "
                    + "last checkpoint on the next worker", false);
        }
        List<Throwable> failures = execution.getAllFailureExceptions();
        Throwable failure = failures.isEmpty()
                ? new IllegalStateException("the training job ended " + status + " without a reason")
                : failures.get(0);
        return failed(run, failure);
    }

    private RunOutcome failed(ActiveRun run, Throwable failure) {
        RunLease lease = run.lease();
        if (run.control().isLeaseLost()) {
            return RunOutcome.LEASE_LOST;
        }
        String reason = FailureClassifier.describe(failure);
        if (FailureClassifier.isPermanent(failure)) {
            log.error("Run {} failed: {}", lease.runId(), reason, failure);
            return settle(lease, JobStatus.FAILED, reason, RunOutcome.FAILED);
        }
        if (lease.attempt() >= maxAttempts) {
            log.error("Run {} failed on its last attempt ({} of {}): {}", lease.runId(), lease.attempt(), maxAttempts,
                    reason, failure);
            return settle(lease, JobStatus.FAILED, "failed after " + lease.attempt() + " attempts: " + reason,
                    RunOutcome.FAILED);
        }
        log.warn("Run {} failed on attempt {} of {}; queued again: {}", lease.runId(), lease.attempt(), maxAttempts,
                reason, failure);
        return requeue(lease, "attempt " + lease.attempt() + " failed: " + reason, true);
    }

    private RunOutcome settle(RunLease lease, JobStatus status, String error, RunOutcome outcome) {
        if (!queue.finish(lease, status, error)) {
            log.warn("Run {} could not be marked {}: the lease is lost", lease.runId(), status);
            return RunOutcome.LEASE_LOST;
        }
        log.info("Run {} {}", lease.runId(), status);
        return outcome;
    }

    private RunOutcome requeue(RunLease lease, String reason, boolean countAttempt) {
        return queue.requeue(lease, reason, countAttempt) ? RunOutcome.REQUEUED : RunOutcome.LEASE_LOST;
    }
}
