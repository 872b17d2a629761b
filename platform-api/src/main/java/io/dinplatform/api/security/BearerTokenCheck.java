package io.dinplatform.api.security;

import java.util.Optional;

import io.dinplatform.registry.token.ApiToken;
import io.dinplatform.registry.token.TokenScope;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;

/**
 * The REST API's token check for a protocol outside the servlet filter chain (gRPC's metadata): the same bearer
 * reading ({@link BearerTokenConverter}), the same authentication manager over the token store, the same open
 * scopes ({@code din.security.open-read}, {@code open-predict}), and the REST API's refusals as exceptions.
 */
public class BearerTokenCheck {

    private final AuthenticationManager tokens;
    private final SecurityProperties properties;

    BearerTokenCheck(AuthenticationManager tokens, SecurityProperties properties) {
        this.tokens = tokens;
        this.properties = properties;
    }

    /**
     * @param authorization the {@code Authorization} value as sent, or null
     * @return the token that authorizes the request, or empty when the scope is open to anyone
     * @throws AuthenticationRequiredException without a valid token (401, gRPC's UNAUTHENTICATED)
     * @throws InsufficientScopeException      with a valid token that lacks the scope (403, PERMISSION_DENIED)
     * @throws DataAccessException             when a token not verified before cannot be checked because the catalog
     *                                         is unreachable
     */
    public Optional<ApiToken> authorize(String authorization, TokenScope required) {
        if (properties.opens(required)) {
            return Optional.empty();
        }
        ApiToken token = authenticate(authorization, required);
        if (!token.allows(required)) {
            throw new InsufficientScopeException(required.label());
        }
        return Optional.of(token);
    }

    private ApiToken authenticate(String authorization, TokenScope required) {
        try {
            ApiTokenAuthentication presented = BearerTokenConverter.presented(authorization);
            if (presented == null) {
                throw AuthenticationRequiredException.missing(required.label());
            }
            return ((ApiTokenAuthentication) tokens.authenticate(presented)).token();
        } catch (BadCredentialsException e) {
            throw AuthenticationRequiredException.invalid();
        } catch (AuthenticationServiceException e) {
            if (e.getCause() instanceof DataAccessException unreachable) {
                throw unreachable;
            }
            throw e;
        }
    }
}
