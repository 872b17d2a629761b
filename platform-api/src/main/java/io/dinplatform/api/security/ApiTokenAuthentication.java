package io.dinplatform.api.security;

import java.util.List;

import io.dinplatform.registry.token.ApiToken;
import io.dinplatform.registry.token.TokenScope;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An API token in Spring Security: before authentication, the text a request presented (and nothing else); after,
 * the catalog's token with its scopes as authorities ({@code SCOPE_read}, ...). The text is dropped once verified,
 * so that a security context, should it ever be logged or kept, never holds it.
 */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    private static final String AUTHORITY_PREFIX = "SCOPE_";

    private final transient ApiToken token;
    private transient String presentedText;

    private ApiTokenAuthentication(String presentedText) {
        super(List.of());
        this.token = null;
        this.presentedText = presentedText;
    }

    private ApiTokenAuthentication(ApiToken token) {
        super(authorities(token));
        this.token = token;
        setAuthenticated(true);
    }

    /** What a request presented, still to be verified. */
    static ApiTokenAuthentication presented(String text) {
        return new ApiTokenAuthentication(text);
    }

    /** A token the catalog (or the configuration) vouched for. */
    static ApiTokenAuthentication verified(ApiToken token) {
        return new ApiTokenAuthentication(token);
    }

    /** The authority a token with this scope holds. */
    static String authority(TokenScope scope) {
        return AUTHORITY_PREFIX + scope.label();
    }

    /** The verified token, or null before verification. */
    ApiToken token() {
        return token;
    }

    /** The presented text; null once verified. */
    @Override
    public String getCredentials() {
        return presentedText;
    }

    /** The token's public id once verified (who acted, for logs and records); null before. */
    @Override
    public String getPrincipal() {
        return token == null ? null : token.id();
    }

    @Override
    public String getName() {
        return token == null ? "" : token.id();
    }

    @Override
    public void eraseCredentials() {
        super.eraseCredentials();
        presentedText = null;
    }

    private static List<GrantedAuthority> authorities(ApiToken token) {
        return token.scopes().stream().sorted().<GrantedAuthority>map(scope ->
                new SimpleGrantedAuthority(authority(scope))).toList();
    }
}
