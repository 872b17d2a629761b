package io.dinplatform.api.security;

import java.util.Optional;

import io.dinplatform.registry.token.TokenScope;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * The REST API's token check for a protocol outside the servlet filter chain (gRPC's metadata): the same bearer
 * reading ({@link BearerTokenConverter}: API tokens, and the issuer's JWTs with single sign-on on), the same
 * authentication manager, the same open scopes ({@code din.security.open-read}, {@code open-predict}), the same
 * scope authorities, and the REST API's refusals as exceptions.
 */
public class BearerTokenCheck {

    private final AuthenticationManager tokens;
    private final BearerTokenConverter bearer;
    private final SecurityProperties properties;

    BearerTokenCheck(AuthenticationManager tokens, BearerTokenConverter bearer, SecurityProperties properties) {
        this.tokens = tokens;
        this.bearer = bearer;
        this.properties = properties;
    }

    /**
     * @param authorization the {@code Authorization} value as sent, or null
     * @return who the request is authorized as (an API token or an issuer's token), or empty when the scope is open
     * to anyone
     * @throws AuthenticationRequiredException without a valid token (401, gRPC's UNAUTHENTICATED)
     * @throws InsufficientScopeException      with a valid token that lacks the scope (403, PERMISSION_DENIED)
     * @throws DataAccessException             when a token not verified before cannot be checked because the catalog
     *                                         is unreachable
     * @throws org.springframework.web.ErrorResponseException 503 when an issuer's token cannot be checked because
     *                                         the issuer is unreachable
     */
    public Optional<Authentication> authorize(String authorization, TokenScope required) {
        if (properties.opens(required)) {
            return Optional.empty();
        }
        Authentication authenticated = authenticate(authorization, required);
        String authority = ApiTokenAuthentication.authority(required);
        if (authenticated.getAuthorities().stream().noneMatch(granted -> authority.equals(granted.getAuthority()))) {
            throw new InsufficientScopeException(required.label());
        }
        return Optional.of(authenticated);
    }

    private Authentication authenticate(String authorization, TokenScope required) {
        try {
            Authentication presented = bearer.presented(authorization);
            if (presented == null) {
                throw AuthenticationRequiredException.missing(required.label());
            }
            return tokens.authenticate(presented);
        } catch (AuthenticationServiceException e) {
            if (e.getCause() instanceof DataAccessException unreachable) {
                throw unreachable;
            }
            throw TokenRefusals.unavailable(e);
        } catch (AuthenticationException e) {
            throw AuthenticationRequiredException.invalid();
        }
    }
}
