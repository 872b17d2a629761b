package io.dinplatform.api.security.oidc;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What the dashboard needs to sign in through the platform's OpenID Connect issuer (authorization code with PKCE).
 *
 * @param enabled  whether the dashboard can sign in through an issuer; when false, the other fields are null or empty
 * @param issuer   the issuer, whose {@code /.well-known/openid-configuration} names its endpoints
 * @param clientId the dashboard's public client at the issuer
 * @param scopes   the scopes to ask for
 * @param audience the audience the platform requires of the issuer's access tokens
 */
@Schema(example = "{\"enabled\": true, \"issuer\": \"https://sso.example.com/realms/din\", "
        + "\"clientId\": \"din-dashboard\", \"scopes\": [\"openid\", \"read\"], \"audience\": \"din-platform\"}")
public record OidcSignOnView(boolean enabled, String issuer, String clientId, List<String> scopes,
                             String audience) {

    static OidcSignOnView of(OidcProperties properties) {
        if (!properties.dashboardSignIn()) {
            return new OidcSignOnView(false, null, null, List.of(), null);
        }
        return new OidcSignOnView(true, properties.issuerUri().toString(), properties.clientId(),
                properties.clientScopes(), properties.audience());
    }
}
