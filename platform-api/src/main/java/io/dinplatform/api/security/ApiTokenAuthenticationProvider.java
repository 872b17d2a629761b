package io.dinplatform.api.security;

import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/**
 * Verifies a presented API token against the token store ({@link TokenAuthenticator}: hashed texts compared in
 * constant time, verifications remembered for {@code din.security.token-cache-ttl}). An unknown, malformed or
 * revoked token is bad credentials (401); a token that cannot be checked because the catalog is unreachable is an
 * authentication service failure (503), never a bad token.
 */
final class ApiTokenAuthenticationProvider implements AuthenticationProvider {

    private final TokenAuthenticator tokens;

    ApiTokenAuthenticationProvider(TokenAuthenticator tokens) {
        this.tokens = tokens;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String text = ((ApiTokenAuthentication) authentication).getCredentials();
        try {
            return tokens.authenticate(text).map(ApiTokenAuthentication::verified)
                    .orElseThrow(() -> new BadCredentialsException("unknown, malformed or revoked token"));
        } catch (DataAccessException e) {
            throw new AuthenticationServiceException("the catalog cannot be reached to check the token", e);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return ApiTokenAuthentication.class.isAssignableFrom(authentication);
    }
}
