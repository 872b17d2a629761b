package io.dinplatform.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Base of the tests that need the worker the platform embeds: the whole application on a random port with the
 * embedded PostgreSQL, a training worker on the CPU polling fast, and an admin token on every request. Each subclass
 * gives its own data directory ({@link #temporaryDirectory}), so that two cached contexts never share a database.
 */
@SpringBootTest(classes = PlatformApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"din.worker.embedded=true", "din.worker.device=CPU", "din.worker.poll-interval=200ms",
                "din.security.bootstrap-token=" + EmbeddedWorkerApiTest.TOKEN})
public abstract class EmbeddedWorkerApiTest {

    protected static final String TOKEN = "din-test-embedded-worker-token-0123456789abcdef";
    protected static final Path MOVIELENS = Path.of(System.getProperty("din.shared.dir", "../shared"), "data",
            "movielens-100k");

    @LocalServerPort
    int port;

    protected RestClient http;

    @BeforeEach
    void client() {
        http = TestHttp.client(port, TOKEN);
    }

    /** Skips the calling test, loudly, when MovieLens 100K is not beside the checkout. */
    protected static void assumeMovieLensIsThere(String test) {
        boolean present = Files.isRegularFile(MOVIELENS.resolve("u.data"))
                && Files.isRegularFile(MOVIELENS.resolve("u.item"));
        if (!present) {
            System.err.println("*** SKIPPED " + test + ": no u.data and u.item in " + MOVIELENS.toAbsolutePath()
                    + " (set -Ddin.shared.dir) ***");
        }
        assumeTrue(present, "MovieLens 100K is not available at " + MOVIELENS);
    }

    /** Builds MovieLens 100K with the paper's protocol through the API and returns the new dataset version. */
    protected JsonNode buildMovieLens(String name) throws IOException {
        MultipartForm build = new MultipartForm().field("name", name).field("protocol", "RATING_THRESHOLD")
                .field("format", "MOVIELENS")
                .file("interactions", Files.readAllBytes(MOVIELENS.resolve("u.data")), "u.data")
                .file("items", Files.readAllBytes(MOVIELENS.resolve("u.item")), "u.item");
        ResponseEntity<JsonNode> built = http.post().uri("/api/v1/datasets/builds")
                .contentType(MediaType.MULTIPART_FORM_DATA).body(build.parts()).retrieve().toEntity(JsonNode.class);
        assertThat(built.getStatusCode().value()).as("%s", built.getBody()).isEqualTo(201);
        return built.getBody();
    }

    /** Waits until the run or batch prediction at this path has ended, and returns it. */
    protected JsonNode awaitFinal(String path, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> get(path).getBody().get("status").asString().matches("SUCCEEDED|FAILED|CANCELLED"));
        return get(path).getBody();
    }

    protected ResponseEntity<JsonNode> get(String path) {
        return http.get().uri(path).retrieve().toEntity(JsonNode.class);
    }

    protected ResponseEntity<JsonNode> postJson(String path, String json) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(json).retrieve()
                .toEntity(JsonNode.class);
    }

    protected static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
