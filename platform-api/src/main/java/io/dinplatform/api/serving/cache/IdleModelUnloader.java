package io.dinplatform.api.serving.cache;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sweeps the model cache for idle versions on a daemon thread of its own, four times per idle timeout, so that a
 * version leaves between one and one and a quarter timeouts after its last request.
 */
public final class IdleModelUnloader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IdleModelUnloader.class);
    private static final Duration SHORTEST_PERIOD = Duration.ofSeconds(1);

    private final ScheduledExecutorService sweeper;

    /** @param idleTimeout the cache's idle timeout; zero starts no sweeper */
    public IdleModelUnloader(ModelCache cache, Duration idleTimeout) {
        if (idleTimeout.isZero()) {
            sweeper = null;
            return;
        }
        long periodMillis = Math.max(SHORTEST_PERIOD.toMillis(), idleTimeout.toMillis() / 4);
        sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "serving-idle-unload");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(() -> sweep(cache, idleTimeout), periodMillis, periodMillis,
                TimeUnit.MILLISECONDS);
    }

    private static void sweep(ModelCache cache, Duration idleTimeout) {
        try {
            List<ServedVersion> unloaded = cache.unloadIdle();
            if (!unloaded.isEmpty()) {
                log.info("Unloaded {} (no request for {})", unloaded, idleTimeout);
            }
        } catch (RuntimeException e) {
            // A failed sweep must not end the schedule: the next one tries again.
            log.warn("Unloading idle models failed", e);
        }
    }

    @Override
    public void close() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }
}
