package io.dinplatform.api.audit;

import java.util.List;

/**
 * One page of the audit log, newest first.
 *
 * @param entries    the entries
 * @param nextBefore the {@code before} that reads the next (older) page, or null when this page is the last
 */
public record AuditPage(List<AuditEntryView> entries, Long nextBefore) {
}
