package io.dinplatform.api.topology;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.dinplatform.api.PlatformApiApplication;
import io.dinplatform.api.SamplesCsv;
import io.dinplatform.api.TestHttp;
import io.dinplatform.registry.database.EmbeddedDatabaseProperties;
import io.dinplatform.registry.database.EmbeddedPostgresServer;
import io.dinplatform.registry.artifact.s3.S3TestServer;
import io.dinplatform.worker.ComposeServiceEnvironment;
import io.dinplatform.worker.PlatformProcess;
import io.dinplatform.worker.WorkerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
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
 * The compose stack's topology without Docker, as on several hosts: one PostgreSQL, one S3 server, two platform-api
 * replicas with their embedded worker off (one in this JVM, one in a process of its own), and two training workers
 * in processes of their own, each configured by the environment its service gets in {@code docker-compose.yml} (at
 * the defaults), each with a data directory of its own: no directory is shared, as between hosts. Through HTTP
 * only, a dataset is uploaded, two runs are queued and trained by the worker processes, and the API serves the model
 * they registered; then the second replica sees everything the first one created, serves the model on its first
 * request for it, follows the alias moves made through the first, and refuses a token revoked there.
 *
 * <p>Only what must differ on this machine replaces the compose values: the database (the test's PostgreSQL instead
 * of the {@code postgres} service), the S3 server (S3Proxy instead of the {@code minio} service), the data
 * directories, the admin token the deployment would set, and the APIs' ports (the proxy's job in the stack).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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

    private static final String ONE_INSTANCE = """
            {"instances": [{"user_id": "u1", "item_id": "i101", "cate_id": "c1",
                            "hist_item_id": ["i102", "i103"], "hist_cate_id": ["c2", "c3"]}]}""";

    @TempDir
    static Path directory;

    /** What the second replica writes once it serves HTTP. */
    private static final Pattern REPLICA_STARTED = Pattern.compile("Tomcat started on port (\\d+)");
    /** Generous bounds on how long a replica may lag behind a change made through another one. */
    private static final Duration REPLICA_LAG = Duration.ofSeconds(30);

    private static EmbeddedPostgresServer postgres;
    private static S3TestServer objectStore;
    private static ConfigurableApplicationContext platform;
    private static PlatformProcess secondReplica;
    private static WorkerProcess firstWorker;
    private static WorkerProcess secondWorker;
    private static RestClient http;
    private static int secondPort;
    private static RestClient secondHttp;

    @BeforeAll
    static void startTheStack() throws Exception {
        postgres = EmbeddedPostgresServer.start(directory.resolve("postgres"), new EmbeddedDatabaseProperties(true,
                freePort(), directory.resolve("postgres"), Duration.ofSeconds(60), Duration.ofSeconds(30)));
        objectStore = S3TestServer.start(directory.resolve("s3"));
        platform = startPlatformApi();
        int port = platform.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        http = TestHttp.client(port, TOKEN);
        // After the first replica: its start has migrated the database, so the others find the schema in place.
        secondReplica = startSecondReplica();
        firstWorker = startWorker("worker-1");
        secondWorker = startWorker("worker-2");
        secondPort = Integer.parseInt(secondReplica.awaitLogLine(REPLICA_STARTED, START_TIMEOUT));
        secondHttp = TestHttp.client(secondPort, TOKEN);
        firstWorker.awaitReady(START_TIMEOUT);
        secondWorker.awaitReady(START_TIMEOUT);
    }

    /** Every child process ends, whatever happened: a leaked worker would hold the queue of the next test run. */
    @AfterAll
    static void stopTheStack() throws Exception {
        try (AutoCloseable database = postgres; AutoCloseable store = objectStore; AutoCloseable first = platform;
             AutoCloseable second = secondReplica; AutoCloseable one = firstWorker; AutoCloseable two = secondWorker) {
            // closed in reverse order: the workers, the replicas, then the object store and the database
        }
    }

    @Test
    @Order(1)
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
                .contentType(MediaType.APPLICATION_JSON).body(ONE_INSTANCE).retrieve().toEntity(JsonNode.class);
        assertThat(prediction.getStatusCode().value()).as("predict: %s", prediction.getBody()).isEqualTo(200);
        assertThat(prediction.getBody().path("version").asInt()).as("the newest registered version").isEqualTo(2);
        assertThat(prediction.getBody().path("predictions")).hasSize(1);
        assertThat(prediction.getBody().path("predictions").get(0).path("score").asDouble()).isBetween(0.0, 1.0);
    }

    /** Uses what the first test registered through the first replica: the dataset and versions 1 and 2. */
    @Test
    @Order(2)
    void theSecondReplicaServesWhatTheFirstCreatedAndFollowsItsChanges() {
        assertThat(secondHttp.get().uri("/api/v1/datasets/topology-clicks/versions/1").retrieve()
                .toEntity(JsonNode.class).getStatusCode().value()).as("a dataset uploaded through the first")
                .isEqualTo(200);
        assertThat(secondHttp.get().uri("/api/v1/models/{name}/versions/2", MODEL).retrieve()
                .toEntity(JsonNode.class).getStatusCode().value()).as("a version registered by a worker")
                .isEqualTo(200);

        assertThat(servedVersion(secondHttp, null)).as("loaded on its first request: the newest version")
                .isEqualTo(2);

        moveProductionAlias(1);
        await().atMost(REPLICA_LAG).until(() -> servedVersion(secondHttp, "production") == 1);
        assertThat(servedVersion(secondHttp, "production")).isEqualTo(1);
        moveProductionAlias(2);
        await().atMost(REPLICA_LAG).until(() -> servedVersion(secondHttp, "production") == 2);

        String queuedThroughTheSecond = queue(secondHttp, 9);
        assertThat(run(queuedThroughTheSecond).path("status").asString()).as("seen through the first")
                .isIn("QUEUED", "RUNNING", "SUCCEEDED");
        assertThat(awaitFinal(queuedThroughTheSecond).path("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    @Order(3)
    void aTokenCreatedThroughOneReplicaWorksOnTheOtherUntilItIsRevokedThere() {
        ResponseEntity<JsonNode> created = http.post().uri("/api/v1/tokens").contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\": \"replica reader\", \"scopes\": [\"read\"]}").retrieve().toEntity(JsonNode.class);
        assertThat(created.getStatusCode().value()).as("create: %s", created.getBody()).isEqualTo(201);
        RestClient reader = TestHttp.client(secondPort, created.getBody().path("token").asString());
        assertThat(reader.get().uri("/api/v1/models").retrieve().toEntity(JsonNode.class).getStatusCode().value())
                .isEqualTo(200);

        ResponseEntity<JsonNode> revoked = http.delete().uri("/api/v1/tokens/{id}",
                created.getBody().path("id").asString()).retrieve().toEntity(JsonNode.class);
        assertThat(revoked.getStatusCode().is2xxSuccessful()).as("revoke: %s", revoked.getBody()).isTrue();
        await().atMost(REPLICA_LAG).until(() ->
                reader.get().uri("/api/v1/models").retrieve().toEntity(JsonNode.class).getStatusCode().value() == 401);
    }

    /**
     * A sweep through the first replica: both replicas advance sweeps (one at a time holds a sweep's row), the two
     * worker processes train its trials, and the best trial's version takes the sweep's alias.
     */
    @Test
    @Order(4)
    void aSweepOfSixTrialsOverTwoWorkersPromotesItsBestTrial() {
        ResponseEntity<JsonNode> started = http.post().uri("/api/v1/sweeps").contentType(MediaType.APPLICATION_JSON)
                .body("""
                        {"base": {"dataset": {"name": "topology-clicks", "version": 1}, "model": "%s-swept",
                                  "architecture": {"type": "DIN", "embeddingDim": 4,
                                                   "attention": {"hiddenUnits": [8]}, "mlp": {"hiddenUnits": [8]}},
                                  "training": {"epochs": 2, "batchSize": 64, "device": "CPU"}},
                         "space": {"training.optimizer.learningRate": {"type": "LOG_UNIFORM", "low": 0.0005,
                                                                       "high": 0.05},
                                   "training.seed": {"type": "INT_RANGE", "low": 1, "high": 1000}},
                         "algorithm": "TPE", "maxTrials": 6, "parallelism": 2, "promoteAlias": "swept",
                         "seed": 3}""".formatted(MODEL))
                .retrieve().toEntity(JsonNode.class);
        assertThat(started.getStatusCode().value()).as("start: %s", started.getBody()).isEqualTo(202);
        String id = started.getBody().path("id").asString();

        await().atMost(RUN_TIMEOUT.multipliedBy(2)).pollInterval(Duration.ofSeconds(1)).until(() ->
                !sweep(id).path("status").asString().equals("RUNNING"));
        JsonNode sweep = sweep(id);

        assertThat(sweep.path("status").asString()).as("%s", sweep).isEqualTo("SUCCEEDED");
        JsonNode trials = sweep.path("trials");
        assertThat(trials).hasSize(6);
        assertThat(trials).allSatisfy(ComposeTopologyTest::assertEndedAsPruningLeftIt);
        assertThat(trials.findValuesAsString("runId")).allSatisfy(runId -> assertThat(run(runId).path("worker")
                .asString()).isIn(firstWorker.id(), secondWorker.id()));
        JsonNode best = sweep.path("best");
        double bestObjective = best.path("objective").asDouble();
        assertThat(trials).filteredOn(trial -> trial.path("status").asString().equals("SUCCEEDED"))
                .allSatisfy(trial -> assertThat(trial.path("objective").asDouble()).isLessThanOrEqualTo(bestObjective));
        JsonNode promoted = http.get().uri("/api/v1/models/{name}", MODEL + "-swept").retrieve().body(JsonNode.class);
        assertThat(promoted.path("aliases").path("swept").asInt()).isEqualTo(best.path("modelVersion").asInt());
        assertThat(secondHttp.get().uri("/api/v1/sweeps/{id}", id).retrieve().body(JsonNode.class)
                .path("status").asString()).as("seen through the second replica").isEqualTo("SUCCEEDED");
    }

    /**
     * A trial early stopping left alone succeeded; one it pruned was cancelled, or finished both its epochs before
     * its worker heard of the stop (then its run shows the request).
     */
    private static void assertEndedAsPruningLeftIt(JsonNode trial) {
        String status = trial.path("status").asString();
        if (!trial.path("pruned").asBoolean()) {
            assertThat(status).as("%s", trial).isEqualTo("SUCCEEDED");
        } else if (!status.equals("CANCELLED")) {
            assertThat(status).as("%s", trial).isEqualTo("SUCCEEDED");
            assertThat(trial.path("byEpoch")).as("%s", trial).hasSize(2);
            assertThat(run(trial.path("runId").asString()).path("cancelRequested").asBoolean())
                    .as("the run of %s", trial).isTrue();
        }
    }

    private static JsonNode sweep(String id) {
        return http.get().uri("/api/v1/sweeps/{id}", id).retrieve().body(JsonNode.class);
    }

    private static int servedVersion(RestClient replica, String alias) {
        ResponseEntity<JsonNode> prediction = replica.post()
                .uri(uri -> uri.path("/api/v1/models/{name}/predict")
                        .queryParamIfPresent("alias", Optional.ofNullable(alias)).build(MODEL))
                .contentType(MediaType.APPLICATION_JSON).body(ONE_INSTANCE).retrieve().toEntity(JsonNode.class);
        assertThat(prediction.getStatusCode().value()).as("predict: %s", prediction.getBody()).isEqualTo(200);
        return prediction.getBody().path("version").asInt();
    }

    private static void moveProductionAlias(int version) {
        ResponseEntity<JsonNode> moved = http.put().uri("/api/v1/models/{name}/aliases/production", MODEL)
                .contentType(MediaType.APPLICATION_JSON).body("{\"version\": " + version + "}").retrieve()
                .toEntity(JsonNode.class);
        assertThat(moved.getStatusCode().is2xxSuccessful()).as("move the alias: %s", moved.getBody()).isTrue();
    }

    /**
     * platform-api in this JVM, its system environment replaced by the compose service's: the application reads the
     * exact variable names the container gets, through Spring's own mapping of environment variables, and nothing of
     * this JVM's environment.
     */
    private static ConfigurableApplicationContext startPlatformApi() throws IOException {
        Map<String, Object> environment = new LinkedHashMap<>(replicaEnvironment("api-1"));
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

    /**
     * A second platform-api in a process of its own, as a replica on another host: the same compose environment, a
     * data directory of its own, and a port of its own (behind the stack's proxy, replicas need none published).
     */
    private static PlatformProcess startSecondReplica() throws IOException {
        Map<String, String> environment = replicaEnvironment("api-2");
        environment.remove("JAVA_TOOL_OPTIONS");
        environment.put("SERVER_PORT", "0");
        return PlatformProcess.start("api-2", PlatformApiApplication.class, environment, directory,
                PlatformProcess.classPathWithout(ComposeTopologyTest.class));
    }

    private static Map<String, String> replicaEnvironment(String process) throws IOException {
        Map<String, String> here = databaseAndObjectStore(process);
        here.put("DIN_SECURITY_BOOTSTRAP_TOKEN", TOKEN);
        Map<String, String> environment = ComposeServiceEnvironment.of("platform-api", here);
        assertThat(environment).as("docker-compose.yml's platform-api environment")
                .containsEntry("DIN_WORKER_EMBEDDED", "false")
                .containsEntry("DIN_DATABASE_EMBEDDED_ENABLED", "false")
                .containsEntry("DIN_ARTIFACTS_TYPE", "s3");
        return environment;
    }

    /** A training worker process with the compose service's environment (what WorkerProcessesTest checks in depth). */
    private static WorkerProcess startWorker(String name) throws IOException {
        Map<String, String> here = databaseAndObjectStore(name);
        here.put("DIN_WORKER_LIVENESS_FILE", directory.resolve(name + ".alive").toString());
        Map<String, String> environment = ComposeServiceEnvironment.of("training-worker", here);
        // What the worker image itself sets (docker/Dockerfile): DJL never downloads anything.
        environment.put("DJL_OFFLINE", "true");
        // Without the API's classes and its application.properties: the worker image has none of them.
        return WorkerProcess.start(name, environment, directory,
                WorkerProcess.classPathWithout(PlatformApiApplication.class, ComposeTopologyTest.class));
    }

    /**
     * The test's PostgreSQL and S3 server instead of the postgres and minio services, and a data directory of the
     * process's own (its artifact cache among others): processes share nothing else, as hosts would not.
     */
    private static Map<String, String> databaseAndObjectStore(String process) {
        Map<String, String> here = new LinkedHashMap<>();
        here.put("SPRING_DATASOURCE_URL", postgres.jdbcUrl());
        here.put("SPRING_DATASOURCE_USERNAME", postgres.username());
        here.put("SPRING_DATASOURCE_PASSWORD", "");
        here.putAll(ComposeServiceEnvironment.objectStore(objectStore));
        here.put("DIN_DATA_DIR", directory.resolve(process).toString());
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
        return queue(http, seed);
    }

    private static String queue(RestClient replica, long seed) {
        ResponseEntity<JsonNode> queued = replica.post().uri("/api/v1/training-runs")
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
