package io.dinplatform.worker.scoring;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.dinplatform.registry.scoring.BatchPredictionRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the lease of a running batch prediction alive, the way the training runs' heartbeat does for runs: every
 * {@code interval} it renews the lease and passes on what the renewal learns (a cancellation, or the loss of the
 * lease). Once the last successful renewal is older than the lease itself, another worker may legitimately have
 * claimed the prediction, so it is treated as lost.
 */
public class ScoringHeartbeat implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ScoringHeartbeat.class);

    private final BatchPredictionRepository predictions;
    private final Duration leaseDuration;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;

    public ScoringHeartbeat(BatchPredictionRepository predictions, Duration leaseDuration, Duration interval) {
        this.predictions = predictions;
        this.leaseDuration = leaseDuration;
        this.interval = interval;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "din-scoring-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts renewing the lease; close the returned beat when the prediction is settled. */
    public Beat start(ScoringControl control) {
        Beat beat = new Beat(control);
        beat.future = scheduler.scheduleWithFixedDelay(beat::renew, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return beat;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /** The renewals of one prediction's lease. */
    public final class Beat implements AutoCloseable {

        private final ScoringControl control;
        private volatile ScheduledFuture<?> future;
        private volatile boolean closed;
        private long lastRenewed = System.nanoTime();

        private Beat(ScoringControl control) {
            this.control = control;
        }

        private void renew() {
            if (closed || control.isLeaseLost()) {
                return;
            }
            try {
                Optional<Boolean> cancel = predictions.renew(control.lease(), leaseDuration);
                if (closed) {
                    return; // settled meanwhile: a finished prediction has no lease to renew
                }
                if (cancel.isEmpty()) {
                    log.warn("Lost the lease on batch prediction {}: another worker owns it now; stopping",
                            control.lease().predictionId());
                    control.leaseLost();
                    return;
                }
                lastRenewed = System.nanoTime();
                if (cancel.get()) {
                    control.requestCancel();
                }
            } catch (RuntimeException e) {
                Duration silent = Duration.ofNanos(System.nanoTime() - lastRenewed);
                if (silent.compareTo(leaseDuration) >= 0) {
                    log.error("Could not renew the lease on batch prediction {} for {}; stopping",
                            control.lease().predictionId(), silent, e);
                    control.leaseLost();
                } else {
                    log.warn("Could not renew the lease on batch prediction {} (will retry): {}",
                            control.lease().predictionId(), e.toString());
                }
            }
        }

        @Override
        public void close() {
            closed = true;
            ScheduledFuture<?> scheduled = future;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }
    }
}
