package io.dinplatform.worker.lease;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.dinplatform.registry.lease.Lease;
import io.dinplatform.registry.lease.LeasedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the leases of running jobs alive: every {@code interval} it renews a job's lease for {@code leaseDuration}
 * and passes on what the renewal learns, a cancellation or the loss of the lease.
 *
 * <p>A worker that cannot reach the database cannot know whether its lease still holds: once the last successful
 * renewal is older than the lease itself, another worker may legitimately have claimed the job, so the job is
 * treated as lost and stops.
 *
 * @param <L> the lease of the queue's jobs
 */
public class LeaseHeartbeat<L extends Lease> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaseHeartbeat.class);

    private final LeasedQueue<L> queue;
    private final String jobKind;
    private final Duration leaseDuration;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;

    /** @param jobKind what the queue holds, for the log and the thread's name ("run", "batch prediction") */
    public LeaseHeartbeat(LeasedQueue<L> queue, String jobKind, Duration leaseDuration, Duration interval) {
        if (interval.compareTo(leaseDuration) >= 0) {
            throw new IllegalArgumentException("the heartbeat interval (" + interval
                    + ") must be shorter than the lease (" + leaseDuration + ")");
        }
        this.queue = queue;
        this.jobKind = jobKind;
        this.leaseDuration = leaseDuration;
        this.interval = interval;
        String threadName = "din-heartbeat-" + jobKind.replace(' ', '-');
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts renewing the job's lease; close the returned beat when the job is settled or released. */
    public Beat start(LeaseControl<? extends L> control) {
        Beat beat = new Beat(control);
        beat.future = scheduler.scheduleWithFixedDelay(beat::renew, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return beat;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /** The renewals of one job's lease. */
    public final class Beat implements AutoCloseable {

        private final LeaseControl<? extends L> control;
        private volatile ScheduledFuture<?> future;
        private volatile boolean closed;
        private long lastRenewed = System.nanoTime();

        private Beat(LeaseControl<? extends L> control) {
            this.control = control;
        }

        /** Renews now, on the caller's thread; false when the lease is lost. */
        public boolean renewNow() {
            renew();
            return !control.isLeaseLost();
        }

        private synchronized void renew() {
            if (closed || control.isLeaseLost()) {
                return;
            }
            Lease lease = control.lease();
            try {
                Optional<Boolean> cancel = queue.renew(control.lease(), leaseDuration);
                if (closed) {
                    return; // settled meanwhile: a finished job has no lease to renew
                }
                if (cancel.isEmpty()) {
                    log.warn("Lost the lease on {} {}: another worker owns it now; stopping", jobKind,
                            lease.jobId());
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
                    log.error("Could not renew the lease on {} {} for {}: it may have been claimed by another "
                            + "worker; stopping", jobKind, lease.jobId(), silent, e);
                    control.leaseLost();
                } else {
                    log.warn("Could not renew the lease on {} {} (will retry): {}", jobKind, lease.jobId(),
                            e.toString());
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
