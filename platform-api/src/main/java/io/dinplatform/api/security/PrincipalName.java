package io.dinplatform.api.security;

import io.dinplatform.registry.audit.Principals;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who a caller is, as the audit log and a run's {@code requested_by} name them ({@link Principals}): an API token
 * by its public id ({@code token:<id>}), any other signed-in caller by its name ({@code subject:<name>}). The one
 * place that turns Spring Security's {@link Authentication} into that name.
 */
public final class PrincipalName {

    private PrincipalName() {
    }

    /** The name of this request's caller ({@link Caller#principal}); {@code anonymous} without valid credentials. */
    public static String of(Authentication authentication) {
        return Caller.of(authentication).principal();
    }

    /**
     * Who is acting on this thread: the request's caller, or {@code system} where no request is being served (a
     * scheduled task, such as a sweep queueing its next trials).
     */
    public static String current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? Principals.SYSTEM : of(authentication);
    }
}
