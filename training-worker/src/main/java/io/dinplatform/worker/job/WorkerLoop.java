package io.dinplatform.worker.job;

import java.time.Duration;
import java.util.Optional;

import io.dinplatform.registry.run.ClaimedRun;
import io.dinplatform.registry.run.RunQueue;
import io.dinplatform.registry.run.WorkerAdvertisement;
import io.dinplatform.worker.lease.LeasedJobLoop;
import io.dinplatform.worker.lease.WorkerIdentity;
import io.dinplatform.worker.presence.WorkerPresence;
import io.dinplatform.worker.presence.WorkerStartup;
import io.dinplatform.worker.steps.ActiveRuns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker itself: one thread that claims a run, executes it, and claims the next; when the queue is empty it
 * looks again after the poll interval. One run at a time per worker keeps a GPU (or the CPU cores) to one job;
 * more throughput comes from more workers.
 *
 * <p>While it lives, the worker advertises itself (its device included) through its {@link WorkerPresence}, and it
 * claims as what it advertises: a worker without a GPU leaves GPU runs to a live worker that has one.
 *
 * <p>Stopping the application (SIGTERM included) asks the running job to stop at its next mini-batch boundary; the
 * run goes back to the queue and resumes from its last checkpoint on the next worker.
 */
public class WorkerLoop extends LeasedJobLoop<ClaimedRun> {

    private static final Logger log = LoggerFactory.getLogger(WorkerLoop.class);

    private final RunQueue queue;
    private final RunExecutor executor;
    private final WorkerStartup startup;
    private final WorkerPresence presence;
    private final Duration leaseDuration;
    private volatile WorkerAdvertisement self;

    /** @param startup runs on the worker's thread before the first claim and says what the worker offers */
    public WorkerLoop(RunQueue queue, RunExecutor executor, ActiveRuns activeRuns, WorkerIdentity identity,
                      WorkerStartup startup, WorkerPresence presence, Duration leaseDuration, Duration pollInterval,
                      Duration shutdownTimeout) {
        super("Training worker", "din-worker", "runs", activeRuns, identity, pollInterval, shutdownTimeout);
        this.queue = queue;
        this.executor = executor;
        this.startup = startup;
        this.presence = presence;
        this.leaseDuration = leaseDuration;
    }

    /** Advertises the worker while it polls, and claims as what it advertises. */
    @Override
    protected void work() {
        self = startup.start();
        presence.start(self);
        try {
            pollUntilStopped();
        } finally {
            presence.close();
        }
    }

    @Override
    protected Optional<ClaimedRun> claimNext() {
        return queue.claimNext(self, leaseDuration);
    }

    @Override
    protected void execute(ClaimedRun claim) {
        RunOutcome outcome = executor.execute(claim);
        log.info("Run {} attempt {}: {}", claim.lease().runId(), claim.lease().attempt(), outcome);
    }
}
