package io.dinplatform.api.security;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import io.dinplatform.registry.token.ApiToken;
import io.dinplatform.registry.token.TokenScope;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who makes a request, as owners and grants name principals: an API token as {@code token:<id>}, a signed-in user
 * as {@code subject:<name>}, each of the user's groups as {@code group:<name>}. The same strings are stored as
 * owners and grantees, and written to the audit log.
 *
 * @param principal {@code token:<id>} or {@code subject:<name>}; {@link #ANONYMOUS} where no one authenticated
 *                  (an address a setting opened to anyone)
 * @param groups    the groups the caller belongs to (the group claim of a signed-in user), without the prefix
 * @param admin     whether the caller holds the {@code admin} scope, which sees and changes every resource
 */
public record Caller(String principal, Set<String> groups, boolean admin) {

    public static final String TOKEN = "token:";
    public static final String SUBJECT = "subject:";
    public static final String GROUP = "group:";

    /** No one authenticated: matches no owner and no grant. */
    public static final Caller ANONYMOUS = new Caller("anonymous", Set.of(), false);

    private static final String SCOPE_AUTHORITY = "SCOPE_";
    private static final String GROUP_AUTHORITY = "GROUP_";
    private static final String ADMIN_AUTHORITY = SCOPE_AUTHORITY + TokenScope.ADMIN.label();

    public Caller {
        Objects.requireNonNull(principal, "principal");
        // In the order the claim listed them: Set.copyOf's order changes from one JVM to the next.
        groups = Collections.unmodifiableSet(new LinkedHashSet<>(groups));
    }

    /**
     * The caller behind Spring Security's authentication: an API token ({@code ApiTokenAuthentication}) by its public
     * id, any other authenticated principal (a signed-in user) by its name, with its groups from its
     * {@code GROUP_<name>} authorities; its scopes are its {@code SCOPE_<scope>} authorities either way.
     */
    public static Caller of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return ANONYMOUS;
        }
        String principal = (authentication instanceof ApiTokenAuthentication ? TOKEN : SUBJECT)
                + authentication.getName();
        Set<String> groups = new LinkedHashSet<>();
        boolean admin = false;
        for (GrantedAuthority granted : authentication.getAuthorities()) {
            String authority = granted.getAuthority();
            if (authority == null) {
                continue;
            }
            if (authority.startsWith(GROUP_AUTHORITY)) {
                groups.add(authority.substring(GROUP_AUTHORITY.length()));
            } else if (authority.equals(ADMIN_AUTHORITY)) {
                admin = true;
            }
        }
        return new Caller(principal, groups, admin);
    }

    /** The caller of the request this thread serves (Spring Security's context). */
    public static Caller current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    /** A token that a protocol outside the filter chain (gRPC) verified; anonymous where the scope is open. */
    public static Caller of(ApiToken token) {
        return token == null ? ANONYMOUS : of(ApiTokenAuthentication.verified(token));
    }

    /** Every principal a grant to this caller may name: its own and its groups'. */
    public Set<String> principals() {
        Set<String> principals = new LinkedHashSet<>();
        principals.add(principal);
        groups.forEach(group -> principals.add(GROUP + group));
        return principals;
    }

    /** Whether a principal can own what this caller creates (an anonymous caller cannot). */
    public boolean canOwn() {
        return principal.startsWith(TOKEN) || principal.startsWith(SUBJECT);
    }
}
