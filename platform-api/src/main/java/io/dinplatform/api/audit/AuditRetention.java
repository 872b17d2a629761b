package io.dinplatform.api.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.dinplatform.registry.audit.AuditRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Deletes the audit entries older than {@code din.audit.retention}, at start and every {@code cleanup-interval}.
 * Every replica may do it: the deletes are safe to run at once.
 */
public class AuditRetention implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

    private final AuditRepository entries;
    private final AuditProperties properties;
    private final Clock clock;
    private ScheduledExecutorService executor;

    public AuditRetention(AuditRepository entries, AuditProperties properties, Clock clock) {
        this.entries = entries;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "audit-retention");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.cleanupInterval().toMillis();
        executor.scheduleWithFixedDelay(this::deleteQuietly, 0, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    /** Deletes the entries recorded before the retention's start; returns how many. */
    public int deleteExpired() {
        return entries.deleteRecordedBefore(oldestKept());
    }

    /** The oldest instant whose entries are kept. */
    Instant oldestKept() {
        return clock.instant().minus(properties.retention());
    }

    private void deleteQuietly() {
        try {
            int deleted = deleteExpired();
            if (deleted > 0) {
                log.info("Deleted {} audit entries older than the retention of {}", deleted, properties.retention());
            }
        } catch (RuntimeException e) {
            log.warn("Could not delete the expired audit entries; trying again in {}: {}",
                    properties.cleanupInterval(), e.getMessage());
        }
    }
}
