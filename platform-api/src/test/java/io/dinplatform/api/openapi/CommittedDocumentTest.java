package io.dinplatform.api.openapi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.dinplatform.api.PlatformApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The served OpenAPI document is the committed one ({@link #COMMITTED}), byte for byte once pretty-printed, so that a
 * change of the contract is always a visible diff, and the client generated from the file is the client of the
 * server. After a deliberate change, rewrite the file with {@code -Ddin.openapi.update=true} (see
 * docs/architecture.md, 'The OpenAPI document').
 */
class CommittedDocumentTest extends PlatformApiTest {

    /** Relative to platform-api, where the tests run. */
    static final Path COMMITTED = Path.of("src/main/openapi/din-platform.json");

    private static final JsonMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Test
    void theServedDocumentIsTheCommittedOne() throws IOException {
        String served = PRETTY.writeValueAsString(get("/v3/api-docs").getBody()) + "\n";
        if (Boolean.getBoolean("din.openapi.update")) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, served);
        }

        assertThat(COMMITTED).as("the committed OpenAPI document; after a deliberate change of the API rewrite it with"
                + " -Ddin.openapi.update=true").exists();
        assertThat(Files.readString(COMMITTED))
                .as("the served /v3/api-docs differs from %s: if the change is deliberate, rewrite the file with "
                        + "-Ddin.openapi.update=true and commit it", COMMITTED)
                .isEqualTo(served);
    }

    /**
     * springdoc builds and caches a document per request language, and a later build in the same application differs
     * from the first (a property's description moves); with one language allowed every client gets the one build.
     */
    @Test
    void aClientInAnyLanguageGetsTheCommittedDocument() throws IOException {
        String committed = Files.readString(COMMITTED);
        for (String language : List.of("de-DE", "fr", "ja-JP,ja;q=0.9", "en-GB")) {
            JsonNode document = http.get().uri("/v3/api-docs").header(HttpHeaders.ACCEPT_LANGUAGE, language)
                    .retrieve().body(JsonNode.class);
            assertThat(PRETTY.writeValueAsString(document) + "\n").as("asked in %s", language).isEqualTo(committed);
        }
    }
}
