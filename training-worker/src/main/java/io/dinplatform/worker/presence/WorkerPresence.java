package io.dinplatform.worker.presence;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.dinplatform.registry.run.TrainingWorkers;
import io.dinplatform.registry.run.WorkerAdvertisement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this worker visible while it lives. Every heartbeat it renews its advertisement in the catalog's directory
 * of live workers ({@link TrainingWorkers}), which is how a CPU-only worker knows to leave a run that asks for a GPU
 * to a GPU worker; after each renewal it touches its {@link LivenessFile}, so a container health check sees a
 * worker that is alive and reaches its database. Closing withdraws the advertisement and removes the file.
 *
 * <p>An advertisement lasts one lease: a worker that dies (SIGKILL, lost network) stops counting as alive when its
 * runs become claimable again, and not before.
 */
public class WorkerPresence implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkerPresence.class);

    private final TrainingWorkers directory;
    private final LivenessFile livenessFile;
    private final Duration ttl;
    private final Duration interval;
    private ScheduledExecutorService scheduler;
    private volatile WorkerAdvertisement advertised;

    /**
     * @param ttl      how long one renewal keeps the worker alive for the others (the lease duration)
     * @param interval how often it renews (the heartbeat interval), shorter than {@code ttl}
     */
    public WorkerPresence(TrainingWorkers directory, LivenessFile livenessFile, Duration ttl, Duration interval) {
        if (interval.compareTo(ttl) >= 0) {
            throw new IllegalArgumentException("the renewal interval (" + interval + ") must be shorter than the "
                    + "advertisement's lifetime (" + ttl + ")");
        }
        this.directory = directory;
        this.livenessFile = livenessFile;
        this.ttl = ttl;
        this.interval = interval;
    }

    /**
     * Advertises the worker now and renews the advertisement every interval until {@link #close()}; a worker that
     * is stopped and started again (a paused application context) starts over.
     */
    public synchronized void start(WorkerAdvertisement self) {
        advertised = self;
        renew();
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "din-worker-presence");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::renew, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        log.info("Training worker {} advertises {} GPU(s) (device {}); liveness: {}", self.workerId(), self.gpus(),
                self.device(), livenessFile);
    }

    /** A failed renewal is only logged: the next one may succeed, and an unrenewed file tells the supervisor. */
    private void renew() {
        try {
            directory.advertise(advertised, ttl);
            livenessFile.touch();
        } catch (Exception e) {
            log.warn("Training worker {} could not renew its presence (will retry in {}): {}",
                    advertised.workerId(), interval, e.toString());
        }
    }

    /** Stops renewing and withdraws the worker; does nothing when it is not advertised. */
    @Override
    public synchronized void close() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            // A renewal in flight must not re-advertise the worker after it withdrew.
            scheduler.awaitTermination(interval.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
        WorkerAdvertisement self = advertised;
        try {
            livenessFile.remove();
            directory.withdraw(self.workerId());
        } catch (Exception e) {
            log.warn("Training worker {} could not withdraw its advertisement; it expires within {}: {}",
                    self.workerId(), ttl, e.toString());
        }
    }
}
