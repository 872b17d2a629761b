package io.dinplatform.api.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads the token a request presents as {@code Authorization: Bearer <token>} (RFC 6750; the scheme in any case).
 * No header (or a blank one) is no authentication: the request goes on anonymous and is refused where it needs a
 * scope. Any other scheme is an invalid token, as in the OAuth 2.0 bearer-token specification.
 */
final class BearerTokenConverter implements AuthenticationConverter {

    private static final String BEARER = "bearer ";

    @Override
    public Authentication convert(HttpServletRequest request) {
        return presented(request.getHeader(HttpHeaders.AUTHORIZATION));
    }

    /** The same reading for any protocol that carries the header's value (gRPC metadata). */
    static ApiTokenAuthentication presented(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return null;
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new BadCredentialsException("not a bearer token");
        }
        return ApiTokenAuthentication.presented(authorization.substring(BEARER.length()).strip());
    }
}
