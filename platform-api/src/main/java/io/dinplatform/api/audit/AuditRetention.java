package io.dinplatform.api.audit;

import java.time.Clock;
import java.time.Instant;

import io.dinplatform.api.schedule.PeriodicTask;
import io.dinplatform.registry.audit.AuditRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the audit entries older than {@code din.audit.retention}, at start and every {@code cleanup-interval}.
 * Every replica may do it: the deletes are safe to run at once.
 */
public class AuditRetention extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

    private final AuditRepository entries;
    private final AuditProperties properties;
    private final Clock clock;

    public AuditRetention(AuditRepository entries, AuditProperties properties, Clock clock) {
        super("audit-retention", "delete the expired audit entries", properties.cleanupInterval());
        this.entries = entries;
        this.properties = properties;
        this.clock = clock;
    }

    /** Deletes the entries recorded before the retention's start; returns how many. */
    public int deleteExpired() {
        return entries.deleteRecordedBefore(oldestKept());
    }

    /** The oldest instant whose entries are kept. */
    Instant oldestKept() {
        return clock.instant().minus(properties.retention());
    }

    @Override
    protected void runOnce() {
        int deleted = deleteExpired();
        if (deleted > 0) {
            log.info("Deleted {} audit entries older than the retention of {}", deleted, properties.retention());
        }
    }
}
