package io.dinplatform.api.fault;

import java.io.InputStream;
import java.nio.file.Path;

import io.dinplatform.api.MultipartForm;
import io.dinplatform.api.PlatformApiApplication;
import io.dinplatform.api.SamplesCsv;
import io.dinplatform.api.TestHttp;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.artifact.s3.S3ArtifactStore;
import io.dinplatform.registry.artifact.s3.S3TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform with its artifacts in an S3 API server (S3Proxy checking signatures, on a free port): an uploaded
 * dataset lands in the bucket and reads back through the API; once the server is gone an upload answers 503 with
 * problem details and records nothing, and health reports the store DOWN.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3ArtifactStoreApiTest {

    private static final String TOKEN = "s3-artifact-store-test-admin-token-0123456789";
    private static final String PREFIX = "platform/";

    @TempDir
    static Path directory;

    private static S3TestServer s3;
    private static ConfigurableApplicationContext platform;
    private static RestClient http;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3TestServer.start(directory.resolve("s3"));
        platform = new SpringApplicationBuilder(PlatformApiApplication.class).properties(
                "server.port=0", "spring.main.banner-mode=off",
                "din.data-dir=" + directory.resolve("data"),
                "din.worker.embedded=false",
                "din.security.bootstrap-token=" + TOKEN,
                "din.artifacts.type=s3",
                "din.artifacts.s3.endpoint=" + s3.endpoint(),
                "din.artifacts.s3.bucket=" + S3TestServer.BUCKET,
                "din.artifacts.s3.prefix=" + PREFIX,
                "din.artifacts.s3.path-style-access=true",
                "din.artifacts.s3.access-key-id=" + S3TestServer.ACCESS_KEY_ID,
                "din.artifacts.s3.secret-access-key=" + S3TestServer.SECRET_ACCESS_KEY).run();
        int port = platform.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        http = TestHttp.client(port, TOKEN);
    }

    @AfterAll
    static void stop() throws Exception {
        if (platform != null) {
            platform.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    @Order(1)
    void anUploadedDatasetLivesInTheBucketAndReadsBack() throws Exception {
        byte[] csv = SamplesCsv.bytes(SamplesCsv.rows(40, 0));

        ResponseEntity<JsonNode> uploaded = upload("in-the-bucket", csv);

        assertThat(uploaded.getStatusCode().value()).as("%s", uploaded.getBody()).isEqualTo(201);
        String sha256 = uploaded.getBody().path("sha256").asString();
        ArtifactStore store = platform.getBean(ArtifactStore.class);
        assertThat(store).isInstanceOf(S3ArtifactStore.class);
        assertThat(s3.everythingStored()).contains(PREFIX + store.storageKey(sha256));
        try (InputStream in = store.openVerified(sha256)) {
            assertThat(in.readAllBytes()).isEqualTo(csv);
        }
        assertThat(store.verifiedPath(sha256)).as("the local cached copy").hasBinaryContent(csv);
        ResponseEntity<JsonNode> users = get("/api/v1/datasets/in-the-bucket/versions/1/users");
        assertThat(users.getStatusCode().value()).as("read back from the bucket: %s", users.getBody())
                .isEqualTo(200);
        assertThat(users.getBody().path("users")).hasSize(10);
        ResponseEntity<JsonNode> health = get("/actuator/health");
        assertThat(health.getBody().path("components").path("artifactStore").path("status").asString())
                .isEqualTo("UP");
    }

    @Test
    @Order(2)
    void anUnreachableStoreAnswers503RecordsNothingAndIsDownInHealth() throws Exception {
        s3.stop();
        long versionsBefore = countDatasetVersions();

        ResponseEntity<JsonNode> refused = upload("while-the-store-is-down", SamplesCsv.bytes(SamplesCsv.rows(20, 1)));

        assertThat(refused.getStatusCode().value()).as("%s", refused.getBody()).isEqualTo(503);
        assertThat(refused.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
        JsonNode problem = refused.getBody();
        assertThat(problem.path("type").asString()).isEqualTo("/problems/artifact-store-unavailable");
        assertThat(problem.path("detail").asString()).contains(s3.endpoint()).contains(S3TestServer.BUCKET);
        assertThat(countDatasetVersions()).isEqualTo(versionsBefore);
        assertThat(get("/api/v1/datasets/while-the-store-is-down/versions").getStatusCode().value())
                .isEqualTo(404);
        ResponseEntity<JsonNode> health = get("/actuator/health");
        assertThat(health.getStatusCode().value()).isEqualTo(503);
        JsonNode component = health.getBody().path("components").path("artifactStore");
        assertThat(component.path("status").asString()).isEqualTo("DOWN");
        assertThat(component.path("details").path("store").asString()).contains(s3.endpoint());
        assertThat(component.toString()).doesNotContain(S3TestServer.SECRET_ACCESS_KEY);
    }

    private static ResponseEntity<JsonNode> upload(String name, byte[] csv) {
        return http.post().uri("/api/v1/datasets").contentType(MediaType.MULTIPART_FORM_DATA)
                .body(new MultipartForm().field("name", name).json("schema", SamplesCsv.SCHEMA)
                        .file("file", csv, "samples.csv").parts())
                .retrieve().toEntity(JsonNode.class);
    }

    private static ResponseEntity<JsonNode> get(String path) {
        return http.get().uri(path).retrieve().toEntity(JsonNode.class);
    }

    private static long countDatasetVersions() {
        return platform.getBean(JdbcClient.class).sql("SELECT COUNT(*) FROM dataset_versions").query(Long.class)
                .single();
    }
}
