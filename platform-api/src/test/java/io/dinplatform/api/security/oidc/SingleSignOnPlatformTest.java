package io.dinplatform.api.security.oidc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import io.dinplatform.api.PlatformApiApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the tests of single sign-on: the whole platform on a random port, with a database and data directory of
 * its own (one application context for every subclass), and the {@link TestIssuer} as its OpenID Connect issuer.
 * The issuer's scopes {@code din.<scope>} grant the platform's scopes (the prefix rule), and {@code models:serve}
 * grants {@code predict} (a mapping); the dashboard's client asks for {@code openid din.read}.
 */
@SpringBootTest(classes = PlatformApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"din.worker.embedded=false", "din.security.bootstrap-token=" + SingleSignOnPlatformTest.ADMIN})
public abstract class SingleSignOnPlatformTest {

    protected static final String ADMIN = "din-sso-test-admin-token-0123456789abcdef";

    private static final Path DATA_DIR = temporaryDirectory();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void singleSignOn(DynamicPropertyRegistry registry) {
        registry.add("din.data-dir", DATA_DIR::toString);
        registry.add("din.grpc.port", SingleSignOnPlatformTest::freePort);
        registry.add("din.security.oidc.issuer-uri", () -> TestIssuer.shared().uri());
        registry.add("din.security.oidc.audience", () -> TestIssuer.AUDIENCE);
        registry.add("din.security.oidc.scope-prefix", () -> "din.");
        registry.add("din.security.oidc.scope-mapping[models:serve]", () -> "predict");
        registry.add("din.security.oidc.client-id", () -> TestIssuer.DASHBOARD_CLIENT);
        registry.add("din.security.oidc.client-scopes", () -> "openid,din.read");
    }

    protected static TestIssuer issuer() {
        return TestIssuer.shared();
    }

    /** Asserts an RFC 9457 problem with this status, and returns its body. */
    protected static JsonNode assertProblem(ResponseEntity<JsonNode> response, int status) {
        assertThat(response.getStatusCode().value()).as("status of %s", response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isNotNull()
                .satisfies(type -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue());
        assertThat(response.getBody().get("status").asInt()).isEqualTo(status);
        assertThat(response.getBody().get("detail").asString()).isNotBlank();
        return response.getBody();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("din-sso-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
