package io.dinplatform.worker.scoring;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.dinplatform.registry.scoring.BatchPrediction;
import io.dinplatform.registry.scoring.BatchPredictionRepository;
import io.dinplatform.worker.lease.WorkerIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The worker's second queue, beside the training runs': one thread that claims a batch prediction, scores it, and
 * claims the next; when none waits it looks again after the poll interval. It has its own thread so that a long
 * training run does not hold up offline scoring (a scoring job is short and needs no gradients).
 *
 * <p>Stopping the application asks the running job to stop at its next chunk boundary; the prediction goes back to
 * the queue and the next worker resumes it after its last committed chunk.
 */
public class BatchPredictionLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BatchPredictionLoop.class);

    private final BatchPredictionRepository predictions;
    private final BatchPredictionExecutor executor;
    private final ActiveBatchPredictions active;
    private final WorkerIdentity identity;
    private final Duration leaseDuration;
    private final Duration pollInterval;
    private final Duration shutdownTimeout;
    private volatile CountDownLatch stopSignal = new CountDownLatch(1);
    private volatile Thread thread;
    private volatile boolean running;

    public BatchPredictionLoop(BatchPredictionRepository predictions, BatchPredictionExecutor executor,
                               ActiveBatchPredictions active, WorkerIdentity identity, Duration leaseDuration,
                               Duration pollInterval, Duration shutdownTimeout) {
        this.predictions = predictions;
        this.executor = executor;
        this.active = active;
        this.identity = identity;
        this.leaseDuration = leaseDuration;
        this.pollInterval = pollInterval;
        this.shutdownTimeout = shutdownTimeout;
    }

    @Override
    public void start() {
        // A lifecycle may be stopped and started again (Spring pauses and resumes a cached test context): the
        // signals of the last stop must not reach the new loop.
        stopSignal = new CountDownLatch(1);
        active.resume();
        running = true;
        thread = new Thread(this::loop, "din-batch-predictions");
        thread.start();
        log.info("Worker {} claims batch predictions every {}", identity, pollInterval);
    }

    @Override
    public void stop() {
        running = false;
        active.requestShutdown();
        Thread worker = thread;
        if (worker == null) {
            return;
        }
        // Wakes an idle wait; no interrupt, which would break the job's file and database I/O mid-write.
        stopSignal.countDown();
        try {
            worker.join(shutdownTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            log.warn("Batch predictions of worker {} did not stop within {}: the running one resumes after its "
                    + "lease expires", identity, shutdownTimeout);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Started late and stopped early, like the training worker: the database and the job repository outlive it. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }

    private void loop() {
        while (running && !active.isShuttingDown()) {
            try {
                Optional<BatchPrediction> claim = predictions.claimNext(identity.id(), leaseDuration);
                if (claim.isPresent()) {
                    executor.execute(claim.get());
                } else {
                    idle();
                }
            } catch (RuntimeException e) {
                log.error("Worker {}: could not claim or execute a batch prediction; retrying in {}", identity,
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
