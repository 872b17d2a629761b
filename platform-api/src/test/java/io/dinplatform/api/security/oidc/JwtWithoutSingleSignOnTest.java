package io.dinplatform.api.security.oidc;

import java.time.Duration;
import java.time.Instant;

import io.dinplatform.api.PlatformApiTest;
import io.dinplatform.api.TestHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code din.security.oidc.issuer-uri} nothing changes: a JWT, even one a real issuer signed, is an unknown
 * token (401), no issuer is asked anything, the dashboard is told there is no single sign-on, and its policy
 * connects to nothing but the platform.
 */
class JwtWithoutSingleSignOnTest extends PlatformApiTest {

    @LocalServerPort
    int port;

    @Test
    void aJwtIsAnUnknownTokenAndNoIssuerIsAsked() {
        TestIssuer issuer = TestIssuer.shared();
        String jwt = issuer.signWithIssuerKey(issuer.claims("ada", Instant.now(), Duration.ofMinutes(5),
                "din.read").build());
        int requestsBefore = issuer.requests();

        ResponseEntity<JsonNode> answer = TestHttp.client(port, jwt).get().uri("/api/v1/datasets").retrieve()
                .toEntity(JsonNode.class);

        assertProblem(answer, 401);
        assertThat(answer.getHeaders().getFirst("WWW-Authenticate")).contains("invalid_token");
        assertThat(issuer.requests()).as("requests the issuer received").isEqualTo(requestsBefore);
    }

    @Test
    void theDashboardIsToldThereIsNoSingleSignOn() {
        ResponseEntity<JsonNode> answer = TestHttp.client(port, "").get().uri("/api/v1/auth/oidc").retrieve()
                .toEntity(JsonNode.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getBody().get("enabled").asBoolean()).isFalse();
        assertThat(answer.getBody().get("issuer").isNull()).isTrue();
        assertThat(answer.getHeaders().getFirst("Content-Security-Policy")).doesNotContain("connect-src");
    }
}
