package io.dinplatform.api.security.oidc;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.web.client.RestTemplate;

/**
 * Decodes and checks the issuer's access tokens: the signature against the issuer's published keys (found through
 * its discovery document, fetched again when a token names a key not seen before), then the issuer ({@code iss}),
 * the audience ({@code aud}) and the validity period ({@code exp}, {@code nbf}) within the clock skew. A request to
 * the issuer gives up after {@code din.security.oidc.issuer-timeout}. The discovery
 * document is read at the first JWT, not at start, so the platform starts (and serves its API tokens) while the
 * issuer is down, and a platform without an issuer never calls one.
 */
final class IssuerJwtDecoder {

    private IssuerJwtDecoder() {
    }

    static JwtDecoder of(OidcProperties properties) {
        String issuer = properties.issuerUri().toString();
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtIssuerValidator(issuer), new JwtAudienceValidator(properties.audience()),
                new JwtTimestampValidator(properties.clockSkew())));
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer)
                    .restOperations(issuerClient(properties.issuerTimeout())).build();
            decoder.setJwtValidator(validator);
            return decoder;
        });
    }

    /** Discovery and key requests that give up after the timeout rather than hold a request thread. */
    private static RestTemplate issuerClient(Duration timeout) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(timeout).build());
        requests.setReadTimeout(timeout);
        return new RestTemplate(requests);
    }
}
