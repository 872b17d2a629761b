package io.dinplatform.api.online;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import io.dinplatform.api.PlatformApiTest;
import io.dinplatform.api.serving.TrainedModels;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.model.ModelRepository;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Overload of the impression log: the database stops taking impressions (another session holds an exclusive lock on
 * the table, as a long migration or a stuck vacuum would), the writer's thread waits on its insert, the queue fills,
 * and serving goes on answering every request in full while the impressions that do not fit are dropped and
 * counted. Once the database takes writes again, every impression is either written or counted as dropped: none is
 * lost uncounted. The small queue needs its own application (and so its own embedded PostgreSQL).
 */
@TestPropertySource(properties = {"din.impressions.queue-capacity=8", "din.impressions.batch-size=4",
        "din.impressions.flush-interval=100ms"})
class ImpressionOverloadTest extends PlatformApiTest {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Path OWN_DATABASE = temporaryDirectory();
    private static final int REQUESTS = 12;
    private static final int INSTANCES = 5;

    @Autowired
    ModelRepository models;

    @Autowired
    ArtifactStore artifacts;

    @Autowired
    DataSource dataSource;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ImpressionWriter writer;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("din.database.embedded.directory", OWN_DATABASE::toString);
    }

    @Test
    void requestsAreAnsweredInFullWhileTheLogDropsAndCountsWhatDoesNotFit() throws Exception {
        String name = "overload-" + UUID.randomUUID().toString().substring(0, 8);
        TrainedModels.register(artifacts, models, name, ModelType.DIN, 11);
        answered(predict(name, 0)); // the model loaded, today's partition made, the writer idle again
        writer.flush();
        double droppedBefore = counter("din.impressions.dropped");
        double writtenBefore = counter("din.impressions.written");

        List<ResponseEntity<JsonNode>> answers = new ArrayList<>();
        try (Connection blocking = dataSource.getConnection()) {
            blocking.setAutoCommit(false);
            try (Statement lock = blocking.createStatement()) {
                lock.execute("LOCK TABLE impressions IN ACCESS EXCLUSIVE MODE");
            }
            ExecutorService clients = Executors.newFixedThreadPool(4);
            try {
                List<Future<ResponseEntity<JsonNode>>> sent = new ArrayList<>();
                for (int r = 1; r <= REQUESTS; r++) {
                    int seed = r;
                    sent.add(clients.submit(() -> predict(name, seed)));
                }
                for (Future<ResponseEntity<JsonNode>> answer : sent) {
                    answers.add(answer.get());
                }
            } finally {
                clients.shutdown();
            }
            double droppedWhileBlocked = counter("din.impressions.dropped") - droppedBefore;
            assertThat(droppedWhileBlocked).as("at most the queue (8) and the writer's batch in hand (4) wait")
                    .isGreaterThanOrEqualTo(REQUESTS * INSTANCES - 8 - 4);
            blocking.rollback();
        }

        List<UUID> ids = new ArrayList<>();
        for (ResponseEntity<JsonNode> answer : answers) {
            JsonNode predictions = answered(answer);
            assertThat(predictions).hasSize(INSTANCES);
            predictions.forEach(p -> {
                assertThat(p.get("score").asDouble()).isBetween(0.0, 1.0);
                ids.add(UUID.fromString(p.get("impressionId").asString()));
            });
        }
        assertThat(ids).as("every answer carries its ids, logged or not").doesNotHaveDuplicates()
                .hasSize(REQUESTS * INSTANCES);

        long logged = awaitWrittenRows(name, writtenBefore);
        double dropped = counter("din.impressions.dropped") - droppedBefore;
        assertThat(logged + (long) dropped).as("written and dropped account for every impression")
                .isEqualTo(REQUESTS * INSTANCES);
        assertThat(counter("din.impressions.failed")).as("a wait is not a failure").isZero();
        String scrape = http.get().uri("/actuator/prometheus").retrieve().body(String.class);
        assertThat(scrape.lines().filter(line -> line.startsWith("din_impressions_dropped_total"))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))))
                .as("the scrape's count").containsExactly(counter("din.impressions.dropped"));
    }

    /** Waits for the writer to catch up after the lock; returns this test's impressions in the table. */
    private long awaitWrittenRows(String name, double writtenBefore) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            writer.flush();
            long rows = jdbc.sql("SELECT COUNT(*) FROM impressions WHERE model_name = ?").param(name)
                    .query(Long.class).single() - INSTANCES;
            double writtenSince = counter("din.impressions.written") - writtenBefore;
            if (rows == (long) writtenSince || System.nanoTime() > deadline) {
                assertThat(rows).as("rows in the table, against the written counter").isEqualTo((long) writtenSince);
                return rows;
            }
            Thread.sleep(50);
        }
    }

    private ResponseEntity<JsonNode> predict(String name, long seed) {
        String body = new String(JSON.writeValueAsBytes(Map.of("instances",
                TrainedModels.instances(seed, INSTANCES))), StandardCharsets.UTF_8);
        return postJson("/api/v1/models/" + name + "/predict", body);
    }

    private static JsonNode answered(ResponseEntity<JsonNode> answer) {
        assertThat(answer.getStatusCode().value()).as("status of %s", answer.getBody()).isEqualTo(200);
        return answer.getBody().get("predictions");
    }

    private double counter(String name) {
        return meters.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("din-impression-overload-db-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
