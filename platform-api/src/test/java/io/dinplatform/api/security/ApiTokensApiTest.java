package io.dinplatform.api.security;

import java.util.List;

import io.dinplatform.api.PlatformApiTest;
import io.dinplatform.api.security.oidc.OidcProperties;
import io.dinplatform.registry.token.ApiTokens;
import io.dinplatform.registry.token.IssuedToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens over HTTP: created and revoked by an admin, checked on every state-changing call (401 without a valid
 * token, 403 without the scope), stored and shown without their text, and never written to the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApiTokensApiTest extends PlatformApiTest {

    @Autowired
    ApiTokens tokens;

    @Test
    void withoutATokenEveryApiCallIsRefusedWithABearerChallenge() {
        for (ResponseEntity<JsonNode> response : List.of(
                as(null).get().uri("/api/v1/datasets").retrieve().toEntity(JsonNode.class),
                // a name no other test uses: a run queued elsewhere for a new model registers its name
                call(null, "POST", "/api/v1/models", "{\"name\": \"anonymous-m\"}"),
                call(null, "POST", "/api/v1/models/m/predict", "{\"instances\": [{}]}"),
                call(null, "PUT", "/api/v1/models/m/aliases/production", "{\"version\": 1}"),
                call(null, "POST", "/api/v1/no-such-endpoint", "{}"),
                call(null, "DELETE", "/api/v1/tokens/000000000000", null))) {
            JsonNode problem = assertProblem(response, 401);
            assertThat(problem.get("type").asString()).isEqualTo("/problems/unauthenticated");
            assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
        }
        assertThat(count("registered_models WHERE name = 'anonymous-m'")).isZero();
    }

    @Test
    void anUnknownMalformedOrNonBearerTokenIsRefusedAsInvalid() {
        IssuedToken real = tokens.issue("real", java.util.Set.of(io.dinplatform.registry.token.TokenScope.READ));
        for (String header : List.of("Bearer din_000000000000_" + "A".repeat(43), "Bearer nonsense",
                "Bearer " + real.secret() + "x", "Basic " + real.secret(), "Bearer ' OR '1'='1",
                "Bearer " + ADMIN_TOKEN.substring(1))) {
            ResponseEntity<JsonNode> response = http.get().uri("/api/v1/datasets").header(HttpHeaders.AUTHORIZATION,
                    header).retrieve().toEntity(JsonNode.class);
            assertProblem(response, 401);
            assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).contains("invalid_token");
        }
    }

    @Test
    void aTokenDoesWhatItsScopesAllowAndNothingElse() {
        String read = create("reader", "read");
        String predict = create("scorer", "predict");
        String write = create("writer", "write");

        assertThat(as(read).get().uri("/api/v1/datasets").retrieve().toEntity(JsonNode.class).getStatusCode().value())
                .isEqualTo(200);
        JsonNode forbidden = assertProblem(call(read, "POST", "/api/v1/models", "{\"name\": \"read-only\"}"), 403);
        assertThat(forbidden.get("requiredScope").asString()).isEqualTo("write");
        assertProblem(as(predict).get().uri("/api/v1/models").retrieve().toEntity(JsonNode.class), 403);
        assertProblem(call(write, "POST", "/api/v1/models/absent/predict", "{\"instances\": [{}]}"), 403);
        assertProblem(call(write, "POST", "/api/v1/tokens", "{\"name\": \"escalate\", \"scopes\": [\"admin\"]}"),
                403);
        assertThat(call(predict, "POST", "/api/v1/models/absent/predict", "{\"instances\": [{}]}")
                .getStatusCode().value()).as("past the token check: the model does not exist").isEqualTo(404);
        assertThat(call(write, "POST", "/api/v1/models", "{\"name\": \"" + uniqueModel() + "\"}")
                .getStatusCode().value()).isEqualTo(201);
        assertThat(count("registered_models WHERE name = 'read-only'")).isZero();
    }

    @Test
    void aRevokedTokenStopsWorkingAtOnce() {
        ResponseEntity<JsonNode> created = postJson("/api/v1/tokens",
                "{\"name\": \"temporary\", \"scopes\": [\"read\"]}");
        String id = created.getBody().get("id").asString();
        String token = created.getBody().get("token").asString();
        assertThat(as(token).get().uri("/api/v1/models").retrieve().toEntity(JsonNode.class).getStatusCode().value())
                .isEqualTo(200);

        assertThat(call(ADMIN_TOKEN, "DELETE", "/api/v1/tokens/" + id, null).getStatusCode().value()).isEqualTo(204);

        assertProblem(as(token).get().uri("/api/v1/models").retrieve().toEntity(JsonNode.class), 401);
        JsonNode shown = get("/api/v1/tokens/" + id).getBody();
        assertThat(shown.get("active").asBoolean()).isFalse();
        assertThat(shown.get("revokedAt").isNull()).isFalse();
        assertProblem(call(ADMIN_TOKEN, "DELETE", "/api/v1/tokens/000000000000", null), 404);
    }

    @Test
    void theTokenTextIsShownOnceAndNeverListedOrLogged(CapturedOutput output) {
        ResponseEntity<JsonNode> created = postJson("/api/v1/tokens",
                "{\"name\": \"ci pipeline\", \"scopes\": [\"write\", \"read\"]}");
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        JsonNode body = created.getBody();
        String token = body.get("token").asString();
        assertThat(token).startsWith("din_" + body.get("id").asString() + "_");
        assertThat(body.get("scopes").toString()).isEqualTo("[\"read\",\"write\"]");
        as(token).get().uri("/api/v1/datasets").retrieve().toEntity(JsonNode.class);
        as(token + "x").get().uri("/api/v1/datasets").retrieve().toEntity(JsonNode.class);

        String list = get("/api/v1/tokens").getBody().toString();
        assertThat(list).contains(body.get("id").asString()).doesNotContain(token);
        assertThat(get("/api/v1/tokens/" + body.get("id").asString()).getBody().has("token")).isFalse();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_tokens WHERE token_sha256 LIKE '%' || ? || '%'")
                .param(token.substring(token.lastIndexOf('_') + 1)).query(Long.class).single()).isZero();
        assertThat(output.getAll()).doesNotContain(token).doesNotContain(ADMIN_TOKEN);
    }

    @Test
    void aTokenRequestIsValidated() {
        for (String body : List.of("{\"name\": \"x\", \"scopes\": [\"superuser\"]}", "{\"name\": \"x\", \"scopes\": []}",
                "{\"name\": \"x\"}", "{\"scopes\": [\"read\"]}", "{\"name\": \"\\u0000\", \"scopes\": [\"read\"]}",
                "{\"name\": \"" + "n".repeat(129) + "\", \"scopes\": [\"read\"]}",
                "{\"name\": \"x\", \"scopes\": [\"READ\"]}", "{\"name\": \"x\", \"scopes\": \"read\"}")) {
            long before = count("api_tokens");
            assertProblem(postJson("/api/v1/tokens", body), 400);
            assertThat(count("api_tokens")).as("tokens after %s", body).isEqualTo(before);
        }
    }

    @Test
    void theDashboardHealthAndApiDocumentationNeedNoToken() {
        for (String path : List.of("/", "/actuator/health", "/v3/api-docs")) {
            int status = as(null).get().uri(path).retrieve().toBodilessEntity().getStatusCode().value();
            assertThat(status).as("GET %s", path).isEqualTo(200);
        }
    }

    @Test
    void aFirstStartWithoutAnAdminTokenPrintsANewOneOnceAtWarn(CapturedOutput output) {
        jdbc.sql("UPDATE api_tokens SET revoked_at = now() WHERE 'admin' = ANY (scopes) AND revoked_at IS NULL")
                .update();
        BootstrapAdminToken bootstrap = new BootstrapAdminToken(tokens,
                new SecurityProperties(null, false, false, java.time.Duration.ofSeconds(10),
                        OidcProperties.off()));

        IssuedToken first = bootstrap.ensureAdmin().orElseThrow();
        boolean secondStartCreated = bootstrap.ensureAdmin().isPresent();

        assertThat(secondStartCreated).isFalse();
        assertThat(output.getAll()).contains("WARN").containsOnlyOnce(first.secret());
        assertThat(call(first.secret(), "GET", "/api/v1/tokens", null).getStatusCode().value()).isEqualTo(200);
        tokens.revoke(first.token().id());
    }

    private String create(String name, String scope) {
        ResponseEntity<JsonNode> created = postJson("/api/v1/tokens",
                "{\"name\": \"" + name + "\", \"scopes\": [\"" + scope + "\"]}");
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        return created.getBody().get("token").asString();
    }

    /** A client that sends this token (or none), instead of the admin token every test client sends. */
    private org.springframework.web.client.RestClient as(String token) {
        return http.mutate().defaultHeaders(headers -> {
            headers.remove(HttpHeaders.AUTHORIZATION);
            if (token != null) {
                headers.setBearerAuth(token);
            }
        }).build();
    }

    private ResponseEntity<JsonNode> call(String token, String method, String path, String json) {
        var request = as(token).method(org.springframework.http.HttpMethod.valueOf(method)).uri(path);
        if (json != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(json);
        }
        return request.retrieve().toEntity(JsonNode.class);
    }

    private static String uniqueModel() {
        return "tokens-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }
}
