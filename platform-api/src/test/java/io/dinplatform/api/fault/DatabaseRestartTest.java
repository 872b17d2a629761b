package io.dinplatform.api.fault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.dinplatform.api.PlatformApiApplication;
import io.dinplatform.api.RestartablePostgres;
import io.dinplatform.api.SamplesCsv;
import io.dinplatform.api.TestHttp;
import io.dinplatform.api.serving.TrainedModels;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.model.ModelRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL goes away and comes back while the platform serves predictions and its embedded worker trains: loaded
 * models keep answering, to the bootstrap token and to a client token verified before the outage (within and
 * beyond its cache period), a token never verified gets 503 "catalog unavailable" (not a 401 that would call it
 * bad), health reports the database down and then up again without a restart of the platform, and the training run
 * still ends SUCCEEDED with a registered version.
 *
 * <p>The database is a real PostgreSQL server the test stops and starts on the same port and data directory; the
 * platform reaches it as an external database through {@code spring.datasource.url}.
 */
class DatabaseRestartTest {

    private static final String TOKEN = "database-restart-test-admin-token-0123456789";
    private static final Duration OUTAGE = Duration.ofSeconds(12);
    /** Shorter than the outage, so that the client token's verification expires while the database is down. */
    private static final Duration TOKEN_CACHE_TTL = Duration.ofSeconds(2);

    @TempDir
    static Path directory;

    private static RestartablePostgres postgres;
    private static ConfigurableApplicationContext platform;
    private static RestClient http;

    @BeforeAll
    static void start() throws Exception {
        postgres = RestartablePostgres.start(directory.resolve("postgres"));
        platform = new SpringApplicationBuilder(PlatformApiApplication.class)
                .properties(postgres.datasourceProperties().toArray(String[]::new)).properties(
                "server.port=0", "spring.main.banner-mode=off",
                "din.data-dir=" + directory.resolve("data"),
                // A request that needs the database while it is down fails after 2 s instead of the default 30.
                "spring.datasource.hikari.connection-timeout=2000",
                "din.worker.embedded=true",
                "din.worker.lease-duration=6s", "din.worker.heartbeat-interval=1s", "din.worker.poll-interval=500ms",
                "din.worker.max-attempts=5",
                "din.security.bootstrap-token=" + TOKEN,
                "din.security.token-cache-ttl=" + TOKEN_CACHE_TTL.toMillis() + "ms",
                "din.serving.resolution-ttl=500ms").run();
        int port = platform.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        http = TestHttp.client(port, TOKEN);
    }

    @AfterAll
    static void stop() throws Exception {
        if (platform != null) {
            platform.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void servingAndTrainingSurviveADatabaseRestart() throws Exception {
        TrainedModels.register(platform.getBean(ArtifactStore.class), platform.getBean(ModelRepository.class),
                "served", ModelType.DIN, 3);
        String instance = JsonMapper.shared().writeValueAsString(
                Map.of("instances", TrainedModels.instances(5, 4)));
        assertThat(predict(instance).getStatusCode().value()).as("the model loads while the database is up")
                .isEqualTo(200);
        String clientToken = issuePredictToken("verified before the outage");
        String neverVerifiedToken = issuePredictToken("first used during the outage");
        assertThat(predict(instance, clientToken).getStatusCode().value()).as("the client token is verified")
                .isEqualTo(200);

        String runId = queueRun();
        await().atMost(Duration.ofMinutes(3)).until(() -> epochsDone(runId) >= 1);

        postgres.stop();
        long outageEnds = System.nanoTime() + OUTAGE.toNanos();
        int answered = 0;
        while (System.nanoTime() < outageEnds) {
            for (String token : List.of(TOKEN, clientToken)) {
                ResponseEntity<JsonNode> response = predict(instance, token);
                assertThat(response.getStatusCode().value()).as("a loaded model answers while the database is "
                        + "down: %s", response.getBody()).isEqualTo(200);
                assertThat(response.getBody().path("predictions")).hasSize(4);
            }
            answered++;
            Thread.sleep(250);
        }
        // Several rounds, the last ones long after the client token's cache period ended (each expiry costs one
        // request a connection timeout, so the count depends on the machine: only a few are certain).
        assertThat(answered).isGreaterThanOrEqualTo(3);
        ResponseEntity<JsonNode> unchecked = predict(instance, neverVerifiedToken);
        assertThat(unchecked.getStatusCode().value()).as("a token that cannot be checked: %s", unchecked.getBody())
                .isEqualTo(503);
        assertThat(unchecked.getBody().path("type").asString()).isEqualTo("/problems/catalog-unavailable");
        assertThat(unchecked.getHeaders().getFirst("WWW-Authenticate")).as("not told its token is bad").isNull();
        ResponseEntity<JsonNode> down = http.get().uri("/actuator/health").retrieve().toEntity(JsonNode.class);
        assertThat(down.getStatusCode().value()).isEqualTo(503);
        assertThat(down.getBody().path("components").path("db").path("status").asString()).isEqualTo("DOWN");

        postgres.restart();

        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(
                http.get().uri("/actuator/health").retrieve().toEntity(JsonNode.class).getStatusCode().value())
                .as("health recovers by itself").isEqualTo(200));
        await().atMost(Duration.ofMinutes(5)).until(() -> isFinished(runId));
        JsonNode run = runState(runId);
        assertThat(run.path("status").asString()).as("the run after the restart: %s", run).isEqualTo("SUCCEEDED");
        assertThat(run.path("modelVersion").path("version").asInt()).isEqualTo(1);
        assertThat(predict(instance).getStatusCode().value()).isEqualTo(200);
        assertThat(predict(instance, neverVerifiedToken).getStatusCode().value())
                .as("the token is checked once the database is back").isEqualTo(200);
    }

    private static ResponseEntity<JsonNode> predict(String body) {
        return predict(body, TOKEN);
    }

    private static ResponseEntity<JsonNode> predict(String body, String token) {
        return http.post().uri("/api/v1/models/served/predict").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(JsonNode.class);
    }

    private static String issuePredictToken(String name) {
        ResponseEntity<JsonNode> issued = http.post().uri("/api/v1/tokens").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", name, "scopes", List.of("predict"))).retrieve().toEntity(JsonNode.class);
        assertThat(issued.getStatusCode().value()).as("token: %s", issued.getBody()).isEqualTo(201);
        return issued.getBody().path("token").asString();
    }

    /** Enough rows that an epoch takes a few seconds, so that the outage falls inside the run. */
    private static String queueRun() {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("name", "clicks");
        form.add("schema", SamplesCsv.SCHEMA);
        form.add("file", new ByteArrayResource(SamplesCsv.bytes(SamplesCsv.rows(40_000, 1, 400))) {
            @Override
            public String getFilename() {
                return "clicks.csv";
            }
        });
        ResponseEntity<JsonNode> uploaded = http.post().uri("/api/v1/datasets")
                .contentType(MediaType.MULTIPART_FORM_DATA).body(form).retrieve().toEntity(JsonNode.class);
        assertThat(uploaded.getStatusCode().value()).as("upload: %s", uploaded.getBody()).isEqualTo(201);
        ResponseEntity<JsonNode> queued = http.post().uri("/api/v1/training-runs")
                .contentType(MediaType.APPLICATION_JSON).body("""
                        {"dataset": {"name": "clicks", "version": 1}, "model": "clicks-din",
                         "architecture": {"type": "DIN", "embeddingDim": 8},
                         "training": {"epochs": 6, "batchSize": 128, "seed": 7}}""")
                .retrieve().toEntity(JsonNode.class);
        assertThat(queued.getStatusCode().value()).as("queue: %s", queued.getBody()).isEqualTo(202);
        return queued.getBody().path("id").asString();
    }

    private static JsonNode runState(String id) {
        return http.get().uri("/api/v1/training-runs/{id}", id).retrieve().body(JsonNode.class);
    }

    private static int epochsDone(String id) {
        JsonNode run = runState(id);
        assertThat(run.path("status").asString()).isIn("QUEUED", "RUNNING");
        return run.path("progress").path("epoch").asInt(0);
    }

    private static boolean isFinished(String id) {
        try {
            return List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(runState(id).path("status").asString());
        } catch (RuntimeException e) {
            return false; // the API itself may still be reconnecting
        }
    }
}
