package io.dinplatform.api.audit;

import io.dinplatform.api.security.oidc.OidcSignIn;
import io.dinplatform.registry.audit.AuditActions;
import io.dinplatform.registry.audit.NewAuditEntry;
import io.dinplatform.registry.audit.Principals;
import org.springframework.context.event.EventListener;

/**
 * Records a single sign-on login: the first time the platform sees an access token of the issuer
 * ({@link OidcSignIn}), in the name of its subject, as action {@code login} on resource type {@code session}.
 */
class SignInAudit {

    private final AuditTrail trail;

    SignInAudit(AuditTrail trail) {
        this.trail = trail;
    }

    @EventListener
    void signedIn(OidcSignIn signIn) {
        trail.record(NewAuditEntry.succeeded(Principals.subject(signIn.subject()), AuditActions.LOGIN, "session",
                signIn.subject(), "issuer " + signIn.issuer()));
    }
}
