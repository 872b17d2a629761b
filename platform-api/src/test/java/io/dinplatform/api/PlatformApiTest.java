package io.dinplatform.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the API's integration tests: the whole application on a random port, with the embedded PostgreSQL (a
 * real server) and the artifact store in a temporary data directory, driven through HTTP. Every subclass shares
 * this configuration and so one application context. No training worker runs, so queued runs stay queued.
 */
@SpringBootTest(classes = PlatformApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"din.datasets.max-upload-size=" + PlatformApiTest.MAX_UPLOAD, "din.worker.embedded=false",
                "din.security.bootstrap-token=" + PlatformApiTest.ADMIN_TOKEN,
                // small enough for the hostile-input suite's gzip bombs to hit them quickly, and below din-core's
                // own bound of 1000 history items so that the platform's limit is the one that answers
                "din.datasets.max-rows=1000000", "din.datasets.max-uncompressed-size=128MB",
                "din.datasets.max-sequence-length=100"})
public abstract class PlatformApiTest {

    /** Small enough to exceed cheaply, large enough for MovieLens 100K's u.data (1.9 MB). */
    protected static final String MAX_UPLOAD = "3MB";
    protected static final Path DATA_DIR = createDataDirectory();
    /** The directory whose files datasets may reference ({@code local:} references). */
    protected static final Path REFERENCED_DIR = createDirectory(DATA_DIR.resolve("referenced"));
    /** The admin token (every scope) that {@link #http} sends with every request; tests of tokens use their own. */
    protected static final String ADMIN_TOKEN = "din-test-admin-token-0123456789abcdef";

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    protected RestClient http;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("din.data-dir", DATA_DIR::toString);
        registry.add("din.datasets.references.local-directory", () -> REFERENCED_DIR.toString());
        registry.add("din.grpc.port", PlatformApiTest::freePort);
    }

    /** The Open Inference Protocol's gRPC server of each application gets a port no other one has. */
    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void client() {
        http = TestHttp.client(port, ADMIN_TOKEN);
    }

    protected ResponseEntity<JsonNode> get(String path) {
        return http.get().uri(path).retrieve().toEntity(JsonNode.class);
    }

    protected ResponseEntity<JsonNode> postJson(String path, String json) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(json).retrieve()
                .toEntity(JsonNode.class);
    }

    protected ResponseEntity<JsonNode> putJson(String path, String json) {
        return http.put().uri(path).contentType(MediaType.APPLICATION_JSON).body(json).retrieve()
                .toEntity(JsonNode.class);
    }

    protected ResponseEntity<JsonNode> postMultipart(String path, MultipartForm form) {
        return http.post().uri(path).contentType(MediaType.MULTIPART_FORM_DATA).body(form.parts()).retrieve()
                .toEntity(JsonNode.class);
    }

    /** Uploads a samples file as the next version of {@code name}. */
    protected ResponseEntity<JsonNode> upload(String name, String schema, byte[] content, String filename) {
        return postMultipart("/api/v1/datasets",
                new MultipartForm().field("name", name).json("schema", schema).file("file", content, filename));
    }

    /** Asserts an RFC 9457 problem with this status, and returns its body. */
    protected static JsonNode assertProblem(ResponseEntity<JsonNode> response, int status) {
        assertThat(response.getStatusCode().value()).as("status of %s", response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isNotNull();
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .as("content type %s", response.getHeaders().getContentType()).isTrue();
        JsonNode problem = response.getBody();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        return problem;
    }

    protected long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    /** Every file in the artifact store, temporary ones included. */
    protected static List<Path> artifactFiles() {
        Path root = DATA_DIR.resolve("artifacts");
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createDirectory(Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createDataDirectory() {
        try {
            return Files.createTempDirectory("din-api-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
