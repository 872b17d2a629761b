package io.dinplatform.registry.audit;

/** How an attempted change ended. */
public enum AuditOutcome {

    /** The change was made (committed). */
    SUCCESS,
    /** The change was refused and nothing changed: no valid token, a missing scope, a bad or conflicting request. */
    REFUSED,
    /** The change was attempted and failed on the platform's side (a 5xx): nothing was committed. */
    FAILED;

    /** The outcome of a change answered with this HTTP status. */
    public static AuditOutcome ofStatus(int status) {
        if (status >= 500) {
            return FAILED;
        }
        return status >= 400 ? REFUSED : SUCCESS;
    }
}
