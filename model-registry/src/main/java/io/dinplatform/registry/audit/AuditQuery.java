package io.dinplatform.registry.audit;

import java.time.Instant;

/**
 * Which entries to read: every filter is optional (null), and they all apply together.
 *
 * @param principal    exactly this principal
 * @param resourceType this kind of resource
 * @param resource     this resource name or id
 * @param from         recorded at or after this instant
 * @param to           recorded before this instant
 * @param before       entries older than this id: the previous page's last id (keyset paging)
 * @param limit        the most entries to return, newest first
 */
public record AuditQuery(String principal, String resourceType, String resource, Instant from, Instant to,
                         Long before, int limit) {

    public AuditQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
    }
}
