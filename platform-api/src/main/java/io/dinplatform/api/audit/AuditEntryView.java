package io.dinplatform.api.audit;

import java.time.Instant;

import io.dinplatform.registry.audit.AuditEntry;

/**
 * A recorded change as the API shows it.
 *
 * @param id           its place in the log (later entries have larger ids); pass the last one as {@code before} for
 *                     the next page
 * @param recordedAt   when it was recorded
 * @param principal    who made it: token:&lt;id&gt;, subject:&lt;name&gt;, worker:&lt;id&gt;, system or anonymous
 * @param action       what it was, e.g. dataset.registered, run.queued, version.registered, alias.moved
 * @param resourceType the kind of resource changed: dataset, model, training-run, sweep, batch-prediction, token...
 * @param resource     the resource's name or id, or null when a refused request named none
 * @param detail       what else identifies the change (e.g. "version 3", "alias production"), or null
 * @param outcome      SUCCESS, REFUSED (a 4xx answer: nothing changed) or FAILED (a 5xx answer: nothing changed)
 * @param status       the HTTP status that answered the change, or null for changes made by a worker
 */
public record AuditEntryView(long id, Instant recordedAt, String principal, String action, String resourceType,
                             String resource, String detail, String outcome, Integer status) {

    static AuditEntryView of(AuditEntry entry) {
        return new AuditEntryView(entry.id(), entry.recordedAt(), entry.principal(), entry.action(),
                entry.resourceType(), entry.resource(), entry.detail(), entry.outcome().name(), entry.status());
    }
}
