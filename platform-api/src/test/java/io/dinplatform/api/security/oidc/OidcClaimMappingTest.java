package io.dinplatform.api.security.oidc;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Claims to authorities: issuer scopes by the prefix rule and the mapping, groups as they are. */
class OidcClaimMappingTest {

    private static OidcProperties settings(String prefix, Map<String, String> mapping) {
        return new OidcProperties(URI.create("https://sso.example.com/realms/din"), "din-platform",
                Duration.ofSeconds(30), Duration.ofSeconds(10), "sub", "scope", prefix, mapping, "groups",
                "din-dashboard", List.of("openid"));
    }

    private static List<String> authorities(OidcProperties settings, Map<String, Object> claims) {
        Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("ada")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(jwt::claim);
        return new OidcClaimMapping(settings).convert(jwt.build()).stream().map(GrantedAuthority::getAuthority)
                .toList();
    }

    @Test
    void byDefaultAnIssuerScopeNamedLikeAPlatformScopeGrantsIt() {
        assertThat(authorities(settings("", Map.of()), Map.of("scope", "openid read predict profile")))
                .containsExactly("SCOPE_read", "SCOPE_predict");
    }

    @Test
    void aPrefixAndAMappingGrantScopesUnderOtherNames() {
        OidcProperties settings = settings("din.", Map.of("models:serve", "predict"));

        assertThat(authorities(settings, Map.of("scope", List.of("din.write", "read", "models:serve", "din.nothing"))))
                .containsExactly("SCOPE_write", "SCOPE_predict");
    }

    @Test
    void eachGroupBecomesAGroupAuthority() {
        assertThat(authorities(settings("", Map.of()), Map.of("scope", "read",
                "groups", List.of("data science", "reviewers"))))
                .containsExactly("SCOPE_read", "GROUP_data science", "GROUP_reviewers");
        assertThat(authorities(settings("", Map.of()), Map.of("groups", "admins"))).containsExactly("GROUP_admins");
    }

    @Test
    void aTokenWithoutScopesGrantsNothing() {
        assertThat(authorities(settings("", Map.of()), Map.of())).isEmpty();
    }

    @Test
    void anIssuerNeedsAnAudienceAndMappingsNamePlatformScopes() {
        assertThatThrownBy(() -> new OidcProperties(URI.create("https://sso.example.com"), " ", Duration.ZERO,
                Duration.ofSeconds(1), "sub", "scope", "", Map.of(), "groups", null, List.of()))
                .hasMessageContaining("din.security.oidc.audience");
        assertThatThrownBy(() -> settings("", Map.of("models:serve", "serve")))
                .hasMessageContaining("scope-mapping.models:serve");
        assertThat(OidcProperties.off().enabled()).isFalse();
        assertThat(settings("", Map.of()).issuerOrigin()).contains("https://sso.example.com");
    }
}
