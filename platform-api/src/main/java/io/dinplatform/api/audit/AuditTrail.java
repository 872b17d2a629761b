package io.dinplatform.api.audit;

import io.dinplatform.api.security.PrincipalName;
import io.dinplatform.registry.audit.AuditLog;
import io.dinplatform.registry.audit.AuditOutcome;
import io.dinplatform.registry.audit.NewAuditEntry;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What services call to record a change they made, in one line, in the name of whoever is acting on this thread
 * ({@link PrincipalName#current}): e.g. {@code trail.record(AuditActions.GRANT_CHANGED, "grant", name,
 * AuditOutcome.SUCCESS)}. Changes made through the API's addresses are recorded by {@link AuditFilter} and need no
 * call. Inside a transaction the entry waits for the commit, and a rolled-back change records nothing; a failure to
 * write is logged and counted, never thrown ({@link AuditLog}).
 */
public class AuditTrail {

    private final AuditLog log;

    public AuditTrail(AuditLog log) {
        this.log = log;
    }

    /** Records a change on a resource, with nothing more to identify it. */
    public void record(String action, String resourceType, String resource, AuditOutcome outcome) {
        record(action, resourceType, resource, null, outcome);
    }

    /** Records a change on a resource, with a detail that identifies it further (never a request body or secret). */
    public void record(String action, String resourceType, String resource, String detail, AuditOutcome outcome) {
        record(new NewAuditEntry(PrincipalName.current(), action, resourceType, resource, detail, outcome, null));
    }

    /** Records an entry as given (who included), once the surrounding transaction, if any, has committed. */
    public void record(NewAuditEntry entry) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    log.record(entry);
                }
            });
        } else {
            log.record(entry);
        }
    }
}
