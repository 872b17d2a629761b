package io.dinplatform.registry.audit;

import java.util.Objects;

/**
 * A change to record. Texts longer than the log keeps are cut (a refused request may name anything), so that
 * recording never fails on what a caller sent.
 *
 * @param principal    who made it ({@link Principals})
 * @param action       what it was ({@link AuditActions})
 * @param resourceType the kind of resource changed (dataset, model, training-run, token...)
 * @param resource     its name or id; null when a refused request named none
 * @param detail       what else identifies the change (e.g. "version 3"), or null
 * @param outcome      how it ended
 * @param status       the HTTP status that answered it; null outside a request
 */
public record NewAuditEntry(String principal, String action, String resourceType, String resource, String detail,
                            AuditOutcome outcome, Integer status) {

    /** The longest text a column keeps. */
    static final int MAX_TEXT = 300;

    public NewAuditEntry {
        principal = cut(Objects.requireNonNull(principal, "principal"));
        action = cut(Objects.requireNonNull(action, "action"));
        resourceType = cut(Objects.requireNonNull(resourceType, "resourceType"));
        resource = cut(resource);
        detail = cut(detail);
        Objects.requireNonNull(outcome, "outcome");
    }

    /** A change made outside any request (by a worker or the platform itself), which succeeded. */
    public static NewAuditEntry succeeded(String principal, String action, String resourceType, String resource,
                                          String detail) {
        return new NewAuditEntry(principal, action, resourceType, resource, detail, AuditOutcome.SUCCESS, null);
    }

    private static String cut(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 3) + "...";
    }
}
