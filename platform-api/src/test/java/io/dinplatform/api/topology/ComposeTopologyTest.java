package io.dinplatform.api.topology;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dinplatform.api.PlatformApiApplication;
import io.dinplatform.api.SamplesCsv;
import io.dinplatform.registry.database.EmbeddedDatabaseProperties;
import io.dinplatform.registry.database.EmbeddedPostgresServer;
import io.dinplatform.worker.ComposeServiceEnvironment;
import io.dinplatform.worker.WorkerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The compose stack's topology without Docker: one PostgreSQL, platform-api with its embedded worker off, and two
 * training workers in processes of their own, each configured by the environment its service gets in
 * {@code docker-compose.yml} (at the defaults), sharing the artifact directory as the compose volume does. Through
 * HTTP only, a dataset is uploaded, two runs are queued and trained by the worker processes, and the API serves the
 * model they registered.
 *
 * <p>Only what must differ on this machine replaces the compose values: the database (the test's PostgreSQL instead
 * of the {@code postgres} service), the directories the volumes would provide, the admin token the deployment would
 * set, and the API's port.
 */
class ComposeTopologyTest {

    private static final String TOKEN = "compose-topology-test-admin-token-0123456789";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
    private static final String MODEL = "topology-din";
    /** As small as a run gets: one epoch over a few hundred rows, tiny embeddings and layers. */
    private static final String RUN_REQUEST = """
            {"dataset": {"name": "topology-clicks", "version": 1}, "model": "%s",
             "architecture": {"type": "DIN", "embeddingDim": 4,
                              "attention": {"hiddenUnits": [8]}, "mlp": {"hiddenUnits": [8]}},
             "training": {"epochs": 1, "batchSize": 64, "seed": %d, "device": "CPU"}}""";

    @TempDir
    static Path directory;

    private static EmbeddedPostgresServer postgres;
    private static ConfigurableApplicationContext platform;
    private static WorkerProcess firstWorker;
    private static WorkerProcess secondWorker;
    private static RestClient http;

    @BeforeAll
    static void startTheStack() throws Exception {
        postgres = EmbeddedPostgresServer.start(directory.resolve("postgres"), new EmbeddedDatabaseProperties(true,
                freePort(), directory.resolve("postgres"), Duration.ofSeconds(60), Duration.ofSeconds(30)));
        platform = startPlatformApi();
        int port = platform.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer " + TOKEN)
                .defaultStatusHandler(status -> true, (request, response) -> {
                    // every status is asserted by the test itself
                })
                .build();
        // After the API: its start has migrated the database, so the workers find the schema in place.
        firstWorker = startWorker("worker-1");
        secondWorker = startWorker("worker-2");
        firstWorker.awaitReady(START_TIMEOUT);
        secondWorker.awaitReady(START_TIMEOUT);
    }

    /** Every child process ends, whatever happened: a leaked worker would hold the queue of the next test run. */
    @AfterAll
    static void stopTheStack() throws Exception {
        try {
            stop(firstWorker);
        } finally {
            try {
                stop(secondWorker);
            } finally {
                try {
                    if (platform != null) {
                        platform.close();
                    }
                } finally {
                    if (postgres != null) {
                        postgres.close();
                    }
                }
            }
        }
    }

    @Test
    void runsQueuedThroughTheApiAreTrainedByTheWorkerProcessesAndServedByTheApi() {
        upload(SamplesCsv.rows(600, 3, 200));
        String first = queue(7);
        String second = queue(8);

        List<JsonNode> finished = List.of(awaitFinal(first), awaitFinal(second));

        assertThat(finished).allSatisfy(run -> {
            assertThat(run.path("status").asString()).as("run %s", run).isEqualTo("SUCCEEDED");
            assertThat(run.path("worker").asString()).as("a worker process trained run %s, not the API (%s, %s)",
                            run, firstWorker.id(), secondWorker.id())
                    .isIn(firstWorker.id(), secondWorker.id())
                    .doesNotEndWith(":" + ProcessHandle.current().pid());
        });
        List<Integer> versions = finished.stream().map(run -> run.path("modelVersion").path("version").asInt())
                .toList();
        assertThat(versions).containsExactlyInAnyOrder(1, 2);

        ResponseEntity<JsonNode> prediction = http.post().uri("/api/v1/models/{name}/predict", MODEL)
                .contentType(MediaType.APPLICATION_JSON).body("""
                        {"instances": [{"user_id": "u1", "item_id": "i101", "cate_id": "c1",
                                        "hist_item_id": ["i102", "i103"], "hist_cate_id": ["c2", "c3"]}]}""")
                .retrieve().toEntity(JsonNode.class);
        assertThat(prediction.getStatusCode().value()).as("predict: %s", prediction.getBody()).isEqualTo(200);
        assertThat(prediction.getBody().path("version").asInt()).as("the newest registered version").isEqualTo(2);
        assertThat(prediction.getBody().path("predictions")).hasSize(1);
        assertThat(prediction.getBody().path("predictions").get(0).path("score").asDouble()).isBetween(0.0, 1.0);
    }

    /**
     * platform-api in this JVM, its system environment replaced by the compose service's: the application reads the
     * exact variable names the container gets, through Spring's own mapping of environment variables, and nothing of
     * this JVM's environment.
     */
    private static ConfigurableApplicationContext startPlatformApi() throws IOException {
        Map<String, String> here = databaseAndVolumes("api");
        here.put("DIN_SECURITY_BOOTSTRAP_TOKEN", TOKEN);
        Map<String, Object> environment = new LinkedHashMap<>(ComposeServiceEnvironment.of("platform-api", here));
        assertThat(environment).as("docker-compose.yml's platform-api environment")
                .containsEntry("DIN_WORKER_EMBEDDED", "false")
                .containsEntry("DIN_DATABASE_EMBEDDED_ENABLED", "false");
        // Options of the container's JVM; this one is the test's.
        environment.remove("JAVA_TOOL_OPTIONS");
        // Not a variable of the service: compose publishes the container's 8080 on a host port instead.
        environment.put("SERVER_PORT", "0");

        StandardEnvironment containerEnvironment = new StandardEnvironment();
        containerEnvironment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        environment));
        return new SpringApplicationBuilder(PlatformApiApplication.class).environment(containerEnvironment)
                .properties("spring.main.banner-mode=off").run();
    }

    /** A training worker process with the compose service's environment (what WorkerProcessesTest checks in depth). */
    private static WorkerProcess startWorker(String name) throws IOException {
        Map<String, String> here = databaseAndVolumes(name);
        here.put("DIN_WORKER_LIVENESS_FILE", directory.resolve(name + ".alive").toString());
        Map<String, String> environment = ComposeServiceEnvironment.of("training-worker", here);
        // What the worker image itself sets (docker/Dockerfile): DJL never downloads anything.
        environment.put("DJL_OFFLINE", "true");
        // Without the API's classes and its application.properties: the worker image has none of them.
        return WorkerProcess.start(name, environment, directory,
                WorkerProcess.classPathWithout(PlatformApiApplication.class, ComposeTopologyTest.class));
    }

    /**
     * The test's PostgreSQL instead of the postgres service, a data directory of the process's own, and one artifact
     * directory for every process, as the shared {@code artifacts} volume.
     */
    private static Map<String, String> databaseAndVolumes(String process) {
        Map<String, String> here = new LinkedHashMap<>();
        here.put("SPRING_DATASOURCE_URL", postgres.jdbcUrl());
        here.put("SPRING_DATASOURCE_USERNAME", postgres.username());
        here.put("SPRING_DATASOURCE_PASSWORD", "");
        here.put("DIN_DATA_DIR", directory.resolve(process).toString());
        here.put("DIN_ARTIFACTS_DIRECTORY", directory.resolve("artifacts").toString());
        return here;
    }

    private static void upload(String csv) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("name", "topology-clicks");
        form.add("schema", SamplesCsv.SCHEMA);
        form.add("file", new ByteArrayResource(SamplesCsv.bytes(csv)) {
            @Override
            public String getFilename() {
                return "clicks.csv";
            }
        });
        ResponseEntity<JsonNode> uploaded = http.post().uri("/api/v1/datasets")
                .contentType(MediaType.MULTIPART_FORM_DATA).body(form).retrieve().toEntity(JsonNode.class);
        assertThat(uploaded.getStatusCode().value()).as("upload: %s", uploaded.getBody()).isEqualTo(201);
    }

    private static String queue(long seed) {
        ResponseEntity<JsonNode> queued = http.post().uri("/api/v1/training-runs")
                .contentType(MediaType.APPLICATION_JSON).body(RUN_REQUEST.formatted(MODEL, seed))
                .retrieve().toEntity(JsonNode.class);
        assertThat(queued.getStatusCode().value()).as("queue: %s", queued.getBody()).isEqualTo(202);
        return queued.getBody().path("id").asString();
    }

    private static JsonNode awaitFinal(String id) {
        await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() ->
                List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(run(id).path("status").asString()));
        return run(id);
    }

    private static JsonNode run(String id) {
        return http.get().uri("/api/v1/training-runs/{id}", id).retrieve().body(JsonNode.class);
    }

    private static void stop(WorkerProcess worker) throws InterruptedException {
        if (worker != null) {
            worker.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
