package io.dinplatform.api.security.oidc;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Authenticates a JWT access token of the configured issuer (Spring Security's {@link JwtAuthenticationProvider}
 * over {@link IssuerJwtDecoder}): a valid one becomes a {@link JwtAuthenticationToken} named by the principal claim,
 * with the authorities of {@link OidcClaimMapping}, and its first use is published as an {@link OidcSignIn}. A token
 * that is not valid is bad credentials (401); an issuer whose discovery document or keys cannot be read is an
 * authentication service failure (503), never a bad token.
 */
public final class OidcTokenAuthenticationProvider implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(OidcTokenAuthenticationProvider.class);

    private final JwtAuthenticationProvider jwts;
    private final OidcSignIns signIns;
    private final String principalClaim;

    private OidcTokenAuthenticationProvider(JwtAuthenticationProvider jwts, OidcSignIns signIns,
                                            String principalClaim) {
        this.jwts = jwts;
        this.signIns = signIns;
        this.principalClaim = principalClaim;
    }

    public static OidcTokenAuthenticationProvider of(OidcProperties properties, ApplicationEventPublisher events,
                                                     Clock clock) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setPrincipalClaimName(properties.principalClaim());
        converter.setJwtGrantedAuthoritiesConverter(new OidcClaimMapping(properties));
        JwtAuthenticationProvider jwts = new JwtAuthenticationProvider(IssuerJwtDecoder.of(properties));
        jwts.setJwtAuthenticationConverter(converter);
        return new OidcTokenAuthenticationProvider(jwts, new OidcSignIns(events, clock),
                properties.principalClaim());
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        JwtAuthenticationToken token;
        try {
            token = (JwtAuthenticationToken) jwts.authenticate(authentication);
        } catch (JwtDecoderInitializationException e) {
            log.warn("The OpenID Connect issuer's discovery document cannot be read: {}", e.getMessage());
            throw new AuthenticationServiceException("the OpenID Connect issuer's configuration cannot be read", e);
        } catch (AuthenticationServiceException e) {
            log.warn("The OpenID Connect issuer's keys cannot be read: {}", e.getMessage());
            throw e;
        }
        if (token.getName() == null || token.getName().isBlank()) {
            throw new BadCredentialsException("the token has no '" + principalClaim + "' claim to name who acts");
        }
        signIns.seen(token.getToken(), token.getName());
        return token;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
