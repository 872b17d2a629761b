package io.dinplatform.registry.audit;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Records changes after they happened. A change that was made stays made when its record cannot be written (the
 * database went away between the two): the failure is logged and counted ({@link #failedWrites}, which each process
 * publishes as a metric), never thrown back at the change.
 */
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final AuditRepository entries;
    private final AtomicLong failedWrites = new AtomicLong();

    public AuditLog(AuditRepository entries) {
        this.entries = entries;
    }

    public void record(NewAuditEntry entry) {
        try {
            entries.insert(entry);
        } catch (DataAccessException e) {
            failedWrites.incrementAndGet();
            log.error("Could not record {} of {} {} by {} ({}) in the audit log: {}", entry.action(),
                    entry.resourceType(), entry.resource(), entry.principal(), entry.outcome(), e.getMessage());
        }
    }

    /** How many entries this process could not write. */
    public long failedWrites() {
        return failedWrites.get();
    }
}
