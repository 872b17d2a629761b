package io.dinplatform.worker.steps;

import io.dinplatform.registry.audit.AuditActions;
import io.dinplatform.registry.audit.AuditLog;
import io.dinplatform.registry.audit.NewAuditEntry;
import io.dinplatform.registry.model.ModelVersion;
import io.dinplatform.registry.run.ClaimedRun;

/**
 * The changes a run makes to the catalog, in the audit log: the version it registered and the alias it moved, in
 * the name of whoever queued the run. Written after the registration committed, so that the log never shows a
 * version that a rolled-back registration left out; a version an earlier attempt registered was recorded then.
 */
public class RegistrationAudit {

    private final AuditLog log;

    public RegistrationAudit(AuditLog log) {
        this.log = log;
    }

    void recordCommitted(ClaimedRun run, ModelVersion version, ModelRegistration.Registered registered) {
        if (!registered.registeredNow()) {
            return;
        }
        log.record(NewAuditEntry.succeeded(run.requestedBy(), AuditActions.VERSION_REGISTERED, "model",
                version.modelName(), "version " + version.version() + " (run " + run.lease().runId() + ")"));
        if (registered.movedAlias() != null) {
            log.record(NewAuditEntry.succeeded(run.requestedBy(), AuditActions.ALIAS_MOVED, "model",
                    version.modelName(), "alias " + registered.movedAlias() + " to version " + version.version()));
        }
    }
}
