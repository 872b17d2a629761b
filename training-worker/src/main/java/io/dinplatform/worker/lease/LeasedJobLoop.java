package io.dinplatform.worker.lease;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * One thread of a worker that claims a job from a leased queue, hands it to its executor, and claims the next; when
 * the queue is empty it looks again after the poll interval. What a claim is and how it executes is the subclass's.
 *
 * <p>Stopping the application (SIGTERM included) asks the running job to stop at its next step boundary; the job
 * goes back to the queue and the next worker resumes it. The loop's own thread does the claiming, so nothing here
 * blocks the application's other work.
 *
 * @param <C> what one claim carries
 */
public abstract class LeasedJobLoop<C> implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LeasedJobLoop.class);

    private final String name;
    private final String threadName;
    private final String jobKinds;
    private final ActiveJobs<?> activeJobs;
    private final WorkerIdentity identity;
    private final Duration pollInterval;
    private final Duration shutdownTimeout;
    private volatile CountDownLatch stopSignal = new CountDownLatch(1);
    private volatile Thread thread;
    private volatile boolean running;

    /**
     * @param name       the loop in the log, e.g. "Training worker"
     * @param threadName the name of the loop's thread
     * @param jobKinds   what it claims, for the log, e.g. "runs"
     */
    protected LeasedJobLoop(String name, String threadName, String jobKinds, ActiveJobs<?> activeJobs,
                            WorkerIdentity identity, Duration pollInterval, Duration shutdownTimeout) {
        this.name = name;
        this.threadName = threadName;
        this.jobKinds = jobKinds;
        this.activeJobs = activeJobs;
        this.identity = identity;
        this.pollInterval = pollInterval;
        this.shutdownTimeout = shutdownTimeout;
    }

    /** Claims the next job, if one waits; runs on the loop's thread. */
    protected abstract Optional<C> claimNext();

    /** Executes a claimed job to its end (settled or released); runs on the loop's thread. */
    protected abstract void execute(C claim);

    /**
     * The loop's thread: polls until stopped. Override to prepare the worker before the first claim and to tidy up
     * after the last; call {@link #pollUntilStopped()} in between.
     */
    protected void work() {
        pollUntilStopped();
    }

    protected final WorkerIdentity identity() {
        return identity;
    }

    @Override
    public void start() {
        // A lifecycle may be stopped and started again (Spring pauses and resumes a cached test context): the
        // signals of the last stop must not reach the new loop.
        stopSignal = new CountDownLatch(1);
        activeJobs.resume();
        running = true;
        thread = new Thread(this::work, threadName);
        thread.start();
        log.info("{} {} started: claiming queued {} every {}", name, identity, jobKinds, pollInterval);
    }

    @Override
    public void stop() {
        running = false;
        activeJobs.requestShutdown();
        Thread worker = thread;
        if (worker == null) {
            return;
        }
        // Wakes an idle wait. No interrupt: it would break the job's file and database I/O mid-write, and a job in
        // progress stops cleanly at its next step boundary anyway.
        stopSignal.countDown();
        try {
            worker.join(shutdownTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            log.warn("{} {} did not stop within {}: its job resumes after its lease expires", name, identity,
                    shutdownTimeout);
        } else {
            log.info("{} {} stopped", name, identity);
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

    protected final void pollUntilStopped() {
        while (running && !activeJobs.isShuttingDown()) {
            try {
                Optional<C> claim = claimNext();
                if (claim.isPresent()) {
                    execute(claim.get());
                } else {
                    idle();
                }
            } catch (RuntimeException e) {
                log.error("{} {}: could not claim or execute one of its {}; retrying in {}", name, identity,
                        jobKinds, pollInterval, e);
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
