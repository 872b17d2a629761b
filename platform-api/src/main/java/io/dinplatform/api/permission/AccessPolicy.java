package io.dinplatform.api.permission;

import io.dinplatform.api.error.ResourceNotFoundException;
import io.dinplatform.api.security.Caller;
import io.dinplatform.api.security.SecurityProperties;
import io.dinplatform.registry.permission.AccessList;
import io.dinplatform.registry.permission.Permission;
import io.dinplatform.registry.permission.ProtectedResource;
import io.dinplatform.registry.token.TokenScope;
import org.springframework.web.ErrorResponseException;

/**
 * Decides what a caller may do with a resource, given its owner and grants: an admin anything; where a setting
 * opened reading (or predicting) to anyone, anyone that; otherwise its owner, its grantees and, for a resource
 * older than permissions, everyone what {@link AccessList} allows. A refusal hides what the caller may not read: it
 * is the 404 of a missing resource, word for word; a resource it may read but not change is a 403.
 */
public class AccessPolicy {

    private final SecurityProperties security;

    public AccessPolicy(SecurityProperties security) {
        this.security = security;
    }

    public boolean allows(Caller caller, AccessList access, Permission permission) {
        return caller.admin() || opensToAnyone(permission) || access.allows(caller.principals(), permission);
    }

    /** Whether every caller may do this with every resource (an admin, or a setting that opened it). */
    public boolean allowsEverything(Caller caller, Permission permission) {
        return caller.admin() || opensToAnyone(permission);
    }

    /** Whether the caller may change who may use the resource: its owner or an admin. */
    public boolean mayGrant(Caller caller, AccessList access) {
        return caller.admin() || access.ownedBy(caller.principals());
    }

    /** The answer to a caller refused the permission: 404 when it may not even read the resource, else 403. */
    public ErrorResponseException refusal(Caller caller, AccessList access, ProtectedResource resource, String name,
                                          Permission permission) {
        return allows(caller, access, Permission.READ) ? PermissionDeniedException.lacking(resource, name, permission)
                : notFound(resource, name);
    }

    /** The 404 of a missing resource, which an unreadable one answers too. */
    public static ResourceNotFoundException notFound(ProtectedResource resource, String name) {
        return new ResourceNotFoundException(resource.noun() + " '" + name + "' does not exist");
    }

    private boolean opensToAnyone(Permission permission) {
        return permission == Permission.READ && security.opens(TokenScope.READ)
                || permission == Permission.PREDICT && security.opens(TokenScope.PREDICT);
    }
}
