package io.dinplatform.api.security.oidc;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dinplatform.registry.token.TokenScope;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Single sign-on through an OpenID Connect issuer ({@code din.security.oidc.*}), off unless {@code issuer-uri} is
 * set. The API then also accepts the issuer's JWT access tokens, and the dashboard signs in through the issuer.
 *
 * @param issuerUri      the issuer, exactly as its tokens name it in {@code iss}; its
 *                       {@code /.well-known/openid-configuration} is read at the first JWT, not at start
 * @param audience       the audience ({@code aud}) a token must be for; required with an issuer, since a token the
 *                       issuer made for another application must not work here
 * @param clockSkew      how far {@code exp} and {@code nbf} may be off the platform's clock
 * @param issuerTimeout  how long a request to the issuer (its discovery document, its keys) may take
 * @param principalClaim the claim that names who acts ({@code sub} by default): the authentication's name
 * @param scopeClaim     the claim with the token's scopes, a space-separated string or a list ({@code scope})
 * @param scopePrefix    an issuer scope made of this prefix and a platform scope's name grants that scope: with the
 *                       default (none), an issuer scope {@code read} grants {@code read}; with {@code din:},
 *                       {@code din:read} does
 * @param scopeMapping   issuer scopes that grant a platform scope under another name, e.g.
 *                       {@code scope-mapping.models.manage=write}; applied besides the prefix rule
 * @param groupsClaim    the claim with the groups the subject belongs to ({@code groups}), a list or a single name
 * @param clientId       the dashboard's public client at the issuer (authorization code with PKCE); without it the
 *                       dashboard offers only the API-token form
 * @param clientScopes   the scopes the dashboard asks for when it signs in
 */
public record OidcProperties(
        URI issuerUri,
        String audience,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue("10s") Duration issuerTimeout,
        @DefaultValue("sub") String principalClaim,
        @DefaultValue("scope") String scopeClaim,
        @DefaultValue("") String scopePrefix,
        Map<String, String> scopeMapping,
        @DefaultValue("groups") String groupsClaim,
        String clientId,
        @DefaultValue({"openid", "read"}) List<String> clientScopes) {

    public OidcProperties {
        scopeMapping = scopeMapping == null ? Map.of() : Map.copyOf(scopeMapping);
        clientScopes = List.copyOf(clientScopes);
        if (issuerUri != null && issuerUri.toString().isBlank()) {
            issuerUri = null;
        }
        if (issuerUri != null) {
            if (!issuerUri.isAbsolute() || issuerUri.getHost() == null
                    || !List.of("https", "http").contains(issuerUri.getScheme())) {
                throw new IllegalArgumentException("din.security.oidc.issuer-uri must be an absolute http(s) address, "
                        + "got '" + issuerUri + "'");
            }
            if (audience == null || audience.isBlank()) {
                throw new IllegalArgumentException("din.security.oidc.audience is required with "
                        + "din.security.oidc.issuer-uri: the audience (aud) the issuer's tokens for this platform "
                        + "carry, so that its tokens for other applications are refused");
            }
            if (clockSkew.isNegative()) {
                throw new IllegalArgumentException("din.security.oidc.clock-skew must not be negative");
            }
            if (issuerTimeout.isNegative() || issuerTimeout.isZero()) {
                throw new IllegalArgumentException("din.security.oidc.issuer-timeout must be positive");
            }
            scopeMapping.forEach((issuerScope, platformScope) -> {
                if (TokenScope.parse(platformScope).isEmpty()) {
                    throw new IllegalArgumentException("din.security.oidc.scope-mapping." + issuerScope + " names '"
                            + platformScope + "', not one of read, write, predict, admin");
                }
            });
        }
    }

    /** Single sign-on off: the settings when no issuer is configured. */
    public static OidcProperties off() {
        return new OidcProperties(null, null, Duration.ofSeconds(30), Duration.ofSeconds(10), "sub", "scope", "",
                Map.of(), "groups", null, List.of("openid", "read"));
    }

    /** Whether JWT access tokens of an issuer are accepted. */
    public boolean enabled() {
        return issuerUri != null;
    }

    /** Whether the dashboard can sign in through the issuer. */
    public boolean dashboardSignIn() {
        return enabled() && clientId != null && !clientId.isBlank();
    }

    /** The issuer's origin ({@code https://host[:port]}), which the dashboard's policy lets it connect to. */
    public Optional<String> issuerOrigin() {
        if (!enabled()) {
            return Optional.empty();
        }
        int port = issuerUri.getPort();
        return Optional.of(issuerUri.getScheme() + "://" + issuerUri.getHost() + (port < 0 ? "" : ":" + port));
    }

    /** The platform scope an issuer scope grants, if any. */
    public Optional<TokenScope> platformScope(String issuerScope) {
        String mapped = scopeMapping.get(issuerScope);
        if (mapped != null) {
            return TokenScope.parse(mapped);
        }
        return issuerScope.startsWith(scopePrefix)
                ? TokenScope.parse(issuerScope.substring(scopePrefix.length())) : Optional.empty();
    }
}
