package io.dinplatform.worker.job;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.dinplatform.registry.run.ClaimedRun;
import io.dinplatform.registry.run.RunQueue;
import io.dinplatform.registry.run.WorkerAdvertisement;
import io.dinplatform.worker.lease.WorkerIdentity;
import io.dinplatform.worker.presence.WorkerPresence;
import io.dinplatform.worker.presence.WorkerStartup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The worker itself: one thread that claims a run, executes it, and claims the next; when the queue is empty it
 * looks again after the poll interval. One run at a time per worker keeps a GPU (or the CPU cores) to one job;
 * more throughput comes from more workers.
 *
 * <p>While it lives, the worker advertises itself (its device included) through its {@link WorkerPresence}, and it
 * claims as what it advertises: a worker without a GPU leaves GPU runs to a live worker that has one.
 *
 * <p>Stopping the application (SIGTERM included) asks the running job to stop at its next mini-batch boundary; the
 * run goes back to the queue and resumes from its last checkpoint on the next worker. The loop's own thread does the
 * claiming, so nothing here blocks the application's other work.
 */
public class WorkerLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WorkerLoop.class);

    private final RunQueue queue;
    private final RunExecutor executor;
    private final ActiveRuns activeRuns;
    private final WorkerIdentity identity;
    private final WorkerStartup startup;
    private final WorkerPresence presence;
    private final Duration leaseDuration;
    private final Duration pollInterval;
    private final Duration shutdownTimeout;
    private volatile CountDownLatch stopSignal = new CountDownLatch(1);
    private volatile Thread thread;
    private volatile boolean running;

    /** @param startup runs on the worker's thread before the first claim and says what the worker offers */
    public WorkerLoop(RunQueue queue, RunExecutor executor, ActiveRuns activeRuns, WorkerIdentity identity,
                      WorkerStartup startup, WorkerPresence presence, Duration leaseDuration, Duration pollInterval,
                      Duration shutdownTimeout) {
        this.queue = queue;
        this.executor = executor;
        this.activeRuns = activeRuns;
        this.identity = identity;
        this.startup = startup;
        this.presence = presence;
        this.leaseDuration = leaseDuration;
        this.pollInterval = pollInterval;
        this.shutdownTimeout = shutdownTimeout;
    }

    @Override
    public void start() {
        // A lifecycle may be stopped and started again (Spring pauses and resumes a cached test context): the
        // signals of the last stop must not reach the new loop.
        stopSignal = new CountDownLatch(1);
        activeRuns.resume();
        running = true;
        thread = new Thread(this::loop, "din-worker");
        thread.start();
        log.info("Training worker {} started: claiming queued runs every {}", identity, pollInterval);
    }

    @Override
    public void stop() {
        running = false;
        activeRuns.requestShutdown();
        Thread worker = thread;
        if (worker == null) {
            return;
        }
        // Wakes an idle wait. No interrupt: it would break the job's file and database I/O mid-write, and a job in
        // progress stops cleanly at its next mini-batch boundary anyway.
        stopSignal.countDown();
        try {
            worker.join(shutdownTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            log.warn("Training worker {} did not stop within {}: its run resumes after its lease expires",
                    identity, shutdownTimeout);
        } else {
            log.info("Training worker {} stopped", identity);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Started late and stopped early: the database, the job repository and the engine outlive the worker. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }

    private void loop() {
        WorkerAdvertisement self = startup.start();
        presence.start(self);
        try {
            claimAndExecute(self);
        } finally {
            presence.close();
        }
    }

    private void claimAndExecute(WorkerAdvertisement self) {
        while (running && !activeRuns.isShuttingDown()) {
            try {
                Optional<ClaimedRun> claim = queue.claimNext(self, leaseDuration);
                if (claim.isPresent()) {
                    RunOutcome outcome = executor.execute(claim.get());
                    log.info("Run {} attempt {}: {}", claim.get().lease().runId(), claim.get().lease().attempt(),
                            outcome);
                } else {
                    idle();
                }
            } catch (RuntimeException e) {
                log.error("Training worker {}: could not claim or execute a run; retrying in {}", identity,
                        pollInterval, e);
                idle();
            }
        }
    }

    private void idle() {
        try {
            stopSignal.await(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
