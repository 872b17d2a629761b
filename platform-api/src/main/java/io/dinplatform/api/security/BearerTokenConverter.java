package io.dinplatform.api.security;

import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads the token a request presents as {@code Authorization: Bearer <token>} (RFC 6750; the scheme in any case).
 * No header (or a blank one) is no authentication: the request goes on anonymous and is refused where it needs a
 * scope. Any other scheme is an invalid token, as in the OAuth 2.0 bearer-token specification.
 *
 * <p>Two kinds of token arrive in the same header, told apart by their form alone, without a look-up: with single
 * sign-on on ({@code din.security.oidc.issuer-uri}), a text of three dot-separated base64url parts is a JWT for
 * the issuer's provider ({@link BearerTokenAuthenticationToken}); anything else, and every text with single sign-on
 * off, is an API token ({@code din_<id>_<secret>}, or the configured bootstrap token, which has no dots when made as
 * documented) for the token store, which refuses what it does not know.
 */
final class BearerTokenConverter implements AuthenticationConverter {

    private static final String BEARER = "bearer ";
    private static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    private final boolean jwtsAccepted;

    /** @param jwtsAccepted whether JWTs go to the issuer's provider (single sign-on on) */
    BearerTokenConverter(boolean jwtsAccepted) {
        this.jwtsAccepted = jwtsAccepted;
    }

    @Override
    public Authentication convert(HttpServletRequest request) {
        return presented(request.getHeader(HttpHeaders.AUTHORIZATION));
    }

    /** The same reading for any protocol that carries the header's value (gRPC metadata). */
    Authentication presented(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return null;
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new BadCredentialsException("not a bearer token");
        }
        String token = authorization.substring(BEARER.length()).strip();
        return jwtsAccepted && JWT.matcher(token).matches() ? new BearerTokenAuthenticationToken(token)
                : ApiTokenAuthentication.presented(token);
    }
}
