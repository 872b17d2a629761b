package io.dinplatform.worker.lease;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.dinplatform.registry.run.RunQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the leases of running jobs alive: every {@code interval} it renews a run's lease for {@code leaseDuration}
 * and passes on what the renewal learns, a cancellation or the loss of the lease.
 *
 * <p>A worker that cannot reach the database cannot know whether its lease still holds: once the last successful
 * renewal is older than the lease itself, another worker may legitimately have claimed the run, so the run is
 * treated as lost and stops.
 */
public class LeaseHeartbeat implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaseHeartbeat.class);

    private final RunQueue queue;
    private final Duration leaseDuration;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;

    public LeaseHeartbeat(RunQueue queue, Duration leaseDuration, Duration interval) {
        if (interval.compareTo(leaseDuration) >= 0) {
            throw new IllegalArgumentException("the heartbeat interval (" + interval
                    + ") must be shorter than the lease (" + leaseDuration + ")");
        }
        this.queue = queue;
        this.leaseDuration = leaseDuration;
        this.interval = interval;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "din-lease-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts renewing the run's lease; close the returned beat when the run is finished or released. */
    public Beat start(RunControl control) {
        Beat beat = new Beat(control);
        beat.future = scheduler.scheduleWithFixedDelay(beat::renew, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return beat;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /** The renewals of one run's lease. */
    public final class Beat implements AutoCloseable {

        private final RunControl control;
        private volatile ScheduledFuture<?> future;
        private long lastRenewed = System.nanoTime();

        private Beat(RunControl control) {
            this.control = control;
        }

        /** Renews now, on the caller's thread; false when the lease is lost. */
        public boolean renewNow() {
            renew();
            return !control.isLeaseLost();
        }

        private synchronized void renew() {
            if (control.isLeaseLost()) {
                return;
            }
            try {
                Optional<Boolean> cancel = queue.renew(control.lease(), leaseDuration);
                if (cancel.isEmpty()) {
                    log.warn("Lost the lease on run {}: another worker owns it now; stopping", control.runId());
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
                    log.error("Could not renew the lease on run {} for {}: it may have been claimed by another "
                            + "worker; stopping", control.runId(), silent, e);
                    control.leaseLost();
                } else {
                    log.warn("Could not renew the lease on run {} (will retry): {}", control.runId(), e.toString());
                }
            }
        }

        @Override
        public void close() {
            ScheduledFuture<?> scheduled = future;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }
    }
}
