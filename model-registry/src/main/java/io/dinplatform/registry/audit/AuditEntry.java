package io.dinplatform.registry.audit;

import java.time.Instant;

/**
 * A recorded change.
 *
 * @param id           its place in the log: later entries have larger ids (the key of paging)
 * @param recordedAt   when it was recorded
 * @param principal    who made it
 * @param action       what it was
 * @param resourceType the kind of resource changed
 * @param resource     its name or id, or null
 * @param detail       what else identifies the change, or null
 * @param outcome      how it ended
 * @param status       the HTTP status that answered it, or null
 */
public record AuditEntry(long id, Instant recordedAt, String principal, String action, String resourceType,
                         String resource, String detail, AuditOutcome outcome, Integer status) {
}
