package io.dinplatform.api.security;

import java.util.Optional;

import io.dinplatform.registry.token.ApiToken;
import io.dinplatform.registry.token.TokenScope;

/**
 * Checks the {@code Authorization} value of a request against the scope it needs, the same way for every protocol
 * the platform speaks (REST through {@link ApiTokenFilter}, gRPC through its metadata): a scope opened by
 * {@code din.security.open-read} or {@code open-predict} needs no token; otherwise {@code Bearer <token>} must name
 * a valid token that carries the scope. Verified tokens are remembered for {@code din.security.token-cache-ttl}
 * (see {@link TokenAuthenticator}).
 */
public class BearerTokenCheck {

    private static final String BEARER = "bearer ";

    private final TokenAuthenticator authenticator;
    private final SecurityProperties properties;

    BearerTokenCheck(TokenAuthenticator authenticator, SecurityProperties properties) {
        this.authenticator = authenticator;
        this.properties = properties;
    }

    /**
     * @param authorization the {@code Authorization} value as sent, or null
     * @return the token that authorizes the request, or empty when the scope is open to anyone
     * @throws AuthenticationRequiredException without a valid token (401, gRPC's UNAUTHENTICATED)
     * @throws InsufficientScopeException      with a valid token that lacks the scope (403, PERMISSION_DENIED)
     * @throws org.springframework.dao.DataAccessException when a token not verified before cannot be checked
     *                                                     because the catalog is unreachable
     */
    public Optional<ApiToken> authorize(String authorization, TokenScope required) {
        if (isOpen(required)) {
            return Optional.empty();
        }
        if (authorization == null || authorization.isBlank()) {
            throw AuthenticationRequiredException.missing(required.label());
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw AuthenticationRequiredException.invalid();
        }
        ApiToken token = authenticator.authenticate(authorization.substring(BEARER.length()).strip())
                .orElseThrow(AuthenticationRequiredException::invalid);
        if (!token.allows(required)) {
            throw new InsufficientScopeException(required.label());
        }
        return Optional.of(token);
    }

    private boolean isOpen(TokenScope scope) {
        return scope == TokenScope.READ && properties.openRead()
                || scope == TokenScope.PREDICT && properties.openPredict();
    }
}
