package io.dinplatform.api.security;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dinplatform.api.PlatformApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security headers on real answers over HTTP: the dashboard's files, JSON, problem details (refusals included),
 * health and the API document all carry nosniff, DENY framing, no referrer and the policy without inline code;
 * Swagger UI carries its own policy; the answer that carries a new token's text is never stored. Over plain HTTP
 * there is no HSTS (see {@link StrictTransportSecurityTest} for TLS).
 */
class SecurityHeadersTest extends PlatformApiTest {

    @Test
    void everyKindOfAnswerCarriesTheHeaders() {
        String index = http.get().uri("/").retrieve().body(String.class);
        Matcher script = Pattern.compile("src=\"\\./(assets/[^\"]+\\.js)\"").matcher(index);
        assertThat(script.find()).as("the dashboard's script in %s", index).isTrue();
        RestClient anonymous = http.mutate().defaultHeaders(headers -> headers.remove(HttpHeaders.AUTHORIZATION))
                .build();

        List<ResponseEntity<byte[]>> answers = List.of(
                http.get().uri("/").retrieve().toEntity(byte[].class),
                http.get().uri("/" + script.group(1)).retrieve().toEntity(byte[].class),
                http.get().uri("/api/v1/datasets").retrieve().toEntity(byte[].class),
                http.get().uri("/api/v1/models/no-such-model").retrieve().toEntity(byte[].class),
                anonymous.get().uri("/api/v1/datasets").retrieve().toEntity(byte[].class),
                anonymous.post().uri("/api/v1/models").contentType(MediaType.APPLICATION_JSON).body("{}").retrieve()
                        .toEntity(byte[].class),
                http.method(HttpMethod.POST).uri("/v2/models/no-such-model/infer")
                        .contentType(MediaType.APPLICATION_JSON).body("{\"inputs\": []}").retrieve()
                        .toEntity(byte[].class),
                anonymous.get().uri("/actuator/health").retrieve().toEntity(byte[].class),
                anonymous.get().uri("/v3/api-docs").retrieve().toEntity(byte[].class));
        assertThat(answers).extracting(answer -> answer.getStatusCode().value())
                .containsExactly(200, 200, 200, 404, 401, 401, 404, 200, 200);
        for (ResponseEntity<byte[]> answer : answers) {
            HttpHeaders headers = answer.getHeaders();
            assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(headers.getFirst("X-Frame-Options")).isEqualTo("DENY");
            assertThat(headers.getFirst("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(headers.getFirst("Content-Security-Policy")).isEqualTo(SecurityHeaders.POLICY)
                    .contains("default-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe");
            assertThat(headers.getFirst("Strict-Transport-Security")).as("HSTS over plain HTTP").isNull();
        }
    }

    @Test
    void swaggerUiHasAPolicyOfItsOwnThatStillForbidsFramingAndForeignCode() {
        ResponseEntity<String> page = http.get().uri("/swagger-ui/index.html").retrieve().toEntity(String.class);

        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getHeaders().getFirst("Content-Security-Policy")).isEqualTo(SecurityHeaders.SWAGGER_UI_POLICY)
                .contains("default-src 'self'").contains("frame-ancestors 'none'")
                .doesNotContain("script-src");
        assertThat(page.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void theDashboardsHashedFilesAreKeptForAYearAndItsPageIsNeverStored() {
        ResponseEntity<String> page = http.get().uri("/").retrieve().toEntity(String.class);
        Matcher style = Pattern.compile("href=\"\\./(assets/[^\"]+\\.css)\"").matcher(page.getBody());
        assertThat(style.find()).as("the dashboard's stylesheet in %s", page.getBody()).isTrue();

        ResponseEntity<byte[]> asset = http.get().uri("/" + style.group(1)).retrieve().toEntity(byte[].class);
        ResponseEntity<byte[]> missing = http.get().uri("/assets/no-such-file-0000.js").retrieve()
                .toEntity(byte[].class);

        assertThat(page.getHeaders().getCacheControl()).contains("no-store");
        assertThat(asset.getStatusCode().value()).isEqualTo(200);
        assertThat(asset.getHeaders().getCacheControl()).isEqualTo("max-age=31536000, public, immutable");
        assertThat(asset.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(missing.getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void theAnswerThatCarriesANewTokenIsNeverStored() {
        ResponseEntity<String> created = http.post().uri("/api/v1/tokens").contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\": \"headers\", \"scopes\": [\"read\"]}").retrieve().toEntity(String.class);

        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(created.getBody()).contains("\"token\"");
        assertThat(created.getHeaders().getCacheControl()).contains("no-store");
    }
}
