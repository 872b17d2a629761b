package io.dinplatform.api.serving;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.dinplatform.api.PlatformApiTest;
import io.dinplatform.core.bundle.ModelBundle;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.core.serving.Scorer;
import io.dinplatform.core.serving.UnknownFeatures;
import io.dinplatform.core.serving.ScoringResult;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.model.ModelRepository;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Online serving over HTTP against models trained for real and registered in the catalog: scores equal din-core's,
 * rank equals predict, concurrent requests are merged into batches, aliases move traffic under load, and every bad
 * request gets its status and names its field.
 */
class ServingApiTest extends PlatformApiTest {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final long SEED_V1 = 11;
    private static final long SEED_V2 = 12;

    @Autowired
    ModelRepository models;

    @Autowired
    ArtifactStore artifacts;

    @Autowired
    MeterRegistry meters;

    @TempDir
    Path scratch;

    @Test
    void predictionsOverHttpEqualTheScorersAndExplainGivesEveryHistoryItemsWeight() {
        String name = registered(ModelType.DIN, SEED_V1);
        List<Map<String, Object>> instances = TrainedModels.instances(3, 40);

        JsonNode answer = ok(postJson(predictPath(name, ""), body(Map.of("instances", instances, "explain", true))));

        assertThat(answer.get("model").asString()).isEqualTo(name);
        assertThat(answer.get("version").asInt()).isEqualTo(1);
        try (ModelBundle bundle = TrainedModels.load(ModelType.DIN, SEED_V1, scratch)) {
            Scorer scorer = new Scorer(bundle, 64);
            ScoringResult expected = scorer.predict(instances, true);
            List<List<String>> unknown = UnknownFeatures.ofEveryRow(scorer.encode(instances));
            assertThat(unknown).as("the instances hold ids the model does not know").anySatisfy(
                    u -> assertThat(u).isNotEmpty());
            JsonNode predictions = answer.get("predictions");
            assertThat(predictions).hasSize(40);
            for (int i = 0; i < 40; i++) {
                JsonNode prediction = predictions.get(i);
                assertThat(prediction.get("score").floatValue()).as("instance %d", i)
                        .isCloseTo(expected.scores()[i], within(1e-6f));
                assertThat(prediction.get("unknownFeatures").valueStream().map(JsonNode::asString).toList())
                        .as("instance %d", i).isEqualTo(unknown.get(i));
                int history = ((List<?>) instances.get(i).get("hist_item_id")).size();
                assertThat(prediction.get("attention")).as("instance %d", i)
                        .hasSize(Math.min(history, TrainedModels.MAX_HISTORY));
                for (int t = 0; t < expected.attention().get(i).length; t++) {
                    assertThat(prediction.get("attention").get(t).floatValue())
                            .isCloseTo(expected.attention().get(i)[t], within(1e-6f));
                }
            }
        }
        JsonNode plain = ok(postJson(predictPath(name, "?version=1"), body(Map.of("instances", instances))));
        assertThat(plain.get("predictions").get(0).has("attention")).isFalse();
    }

    @Test
    void rankingGivesTheTopCandidatesWithThePairsPredictScores() {
        for (ModelType type : ModelType.values()) {
            String name = registered(type, SEED_V1);
            Map<String, Object> context = TrainedModels.user(new SplittableRandom(5));
            List<Map<String, Object>> candidates = new ArrayList<>();
            List<Map<String, Object>> pairs = new ArrayList<>();
            for (int c = 0; c < 30; c++) {
                Map<String, Object> candidate = Map.of("item_id", "i" + c, "cate_id", "c" + (c % 7));
                candidates.add(candidate);
                Map<String, Object> pair = new HashMap<>(context);
                pair.putAll(candidate);
                pairs.add(pair);
            }
            JsonNode predicted = ok(postJson(predictPath(name, ""), body(Map.of("instances", pairs))))
                    .get("predictions");
            JsonNode ranked = ok(postJson(rankPath(name, ""),
                    body(Map.of("context", context, "candidates", candidates, "topK", 5)))).get("ranked");

            assertThat(ranked).as("%s", type).hasSize(5);
            List<Float> all = new ArrayList<>();
            predicted.forEach(p -> all.add(p.get("score").floatValue()));
            List<Float> best = new ArrayList<>(all);
            best.sort(Collections.reverseOrder());
            for (int k = 0; k < 5; k++) {
                int index = ranked.get(k).get("index").asInt();
                float score = ranked.get(k).get("score").floatValue();
                assertThat(score).as("%s rank %d", type, k).isCloseTo(all.get(index), within(1e-6f));
                assertThat(score).as("%s rank %d", type, k).isCloseTo(best.get(k), within(1e-6f));
                assertThat(ranked.get(k).get("unknownFeatures")).as("%s rank %d", type, k)
                        .isEqualTo(predicted.get(index).get("unknownFeatures"));
            }
        }
    }

    /** A ranking spread over the scoring threads explains each candidate as predict explains its pair. */
    @Test
    void aRankingWithExplainGivesEachCandidateTheAttentionPredictGivesItsPair() {
        String name = registered(ModelType.DIN, SEED_V1);
        Map<String, Object> context = TrainedModels.user(new SplittableRandom(11));
        List<Map<String, Object>> candidates = new ArrayList<>();
        List<Map<String, Object>> pairs = new ArrayList<>();
        for (int c = 0; c < 150; c++) {
            Map<String, Object> candidate = Map.of("item_id", "i" + (c % 40), "cate_id", "c" + (c % 7));
            candidates.add(candidate);
            Map<String, Object> pair = new HashMap<>(context);
            pair.putAll(candidate);
            pairs.add(pair);
        }
        JsonNode predicted = ok(postJson(predictPath(name, ""), body(Map.of("instances", pairs, "explain", true))))
                .get("predictions");
        JsonNode ranked = ok(postJson(rankPath(name, ""),
                body(Map.of("context", context, "candidates", candidates, "explain", true)))).get("ranked");

        assertThat(ranked).hasSize(candidates.size());
        for (JsonNode candidate : ranked) {
            JsonNode pair = predicted.get(candidate.get("index").asInt());
            assertThat(candidate.get("score").floatValue()).isCloseTo(pair.get("score").floatValue(),
                    within(1e-6f));
            assertThat(candidate.get("attention")).hasSize(pair.get("attention").size());
            for (int t = 0; t < pair.get("attention").size(); t++) {
                assertThat(candidate.get("attention").get(t).floatValue())
                        .isCloseTo(pair.get("attention").get(t).floatValue(), within(1e-6f));
            }
        }
        JsonNode plain = ok(postJson(rankPath(name, ""),
                body(Map.of("context", context, "candidates", candidates, "topK", 1)))).get("ranked");
        assertThat(plain.get(0).has("attention")).isFalse();
        String base = registered(ModelType.BASE, SEED_V1);
        assertField(postJson(rankPath(base, ""), body(Map.of("context", context, "candidates", candidates,
                "explain", true))), "explain", "DIN");
    }

    @Test
    void concurrentRequestsAreMergedIntoFewerForwardPassesAndEachGetsItsOwnScores() throws Exception {
        String name = registered(ModelType.DIN, SEED_V1);
        ok(postJson(predictPath(name, ""), body(Map.of("instances", TrainedModels.instances(1, 1))))); // loads it
        DistributionSummary batches = meters.get("din.serving.batch.size").tags("model", name, "version", "1")
                .summary();
        long batchesBefore = batches.count();
        double instancesBefore = batches.totalAmount();
        List<Map<String, Object>> instances = TrainedModels.instances(9, 64);

        List<JsonNode> answers = concurrently(64, i -> postJson(predictPath(name, ""),
                body(Map.of("instances", List.of(instances.get(i))))));

        try (ModelBundle bundle = TrainedModels.load(ModelType.DIN, SEED_V1, scratch)) {
            float[] expected = new Scorer(bundle, 64).predict(instances);
            for (int i = 0; i < 64; i++) {
                assertThat(answers.get(i).get("predictions")).hasSize(1);
                assertThat(answers.get(i).get("predictions").get(0).get("score").floatValue()).as("request %d", i)
                        .isCloseTo(expected[i], within(1e-6f));
            }
        }
        assertThat(batches.totalAmount() - instancesBefore).isEqualTo(64);
        assertThat(batches.count() - batchesBefore).as("forward passes for 64 concurrent requests")
                .isLessThan(64);
        System.out.printf("64 concurrent one-instance requests ran in %d forward passes%n",
                batches.count() - batchesBefore);
    }

    @Test
    void movingTheAliasUnderLoadSwitchesTrafficWithoutFailingARequest() throws Exception {
        String name = registered(ModelType.DIN, SEED_V1);
        TrainedModels.register(artifacts, models, name, ModelType.DIN, SEED_V2);
        ok(putJson("/api/v1/models/" + name + "/aliases/production", "{\"version\": 1}"));
        String instance = body(Map.of("instances", TrainedModels.instances(4, 2)));
        ok(postJson(predictPath(name, "?version=2"), instance)); // both loaded: the move measures switching only

        AtomicBoolean moved = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger answeredAfterMove = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Integer> versionsBefore = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Integer> versionsAfter = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<?>> running = new ArrayList<>();
        try {
            for (int c = 0; c < 8; c++) {
                running.add(clients.submit(() -> {
                    while (!stop.get()) {
                        boolean startedAfterMove = moved.get();
                        ResponseEntity<JsonNode> response = postJson(predictPath(name, ""), instance);
                        if (response.getStatusCode().value() != 200) {
                            failures.add(response.getStatusCode() + " " + response.getBody());
                            continue;
                        }
                        int version = response.getBody().get("version").asInt();
                        (startedAfterMove ? versionsAfter : versionsBefore).add(version);
                        if (startedAfterMove) {
                            answeredAfterMove.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            while (versionsBefore.size() < 40 && failures.isEmpty() && running.stream().noneMatch(Future::isDone)) {
                Thread.onSpinWait();
            }
            ok(putJson("/api/v1/models/" + name + "/aliases/production", "{\"version\": 2}"));
            moved.set(true);
            while (answeredAfterMove.get() < 40 && failures.isEmpty()
                    && running.stream().noneMatch(Future::isDone)) {
                Thread.onSpinWait();
            }
        } finally {
            stop.set(true);
            clients.shutdown();
            clients.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        for (Future<?> client : running) {
            client.get(); // a client that died rethrows its exception here
        }
        assertThat(failures).isEmpty();
        assertThat(versionsBefore).contains(1);
        assertThat(versionsAfter).hasSizeGreaterThanOrEqualTo(40).containsOnly(2);
    }

    @Test
    void unknownModelsVersionsAndAliasesAreNotFound() {
        String name = registered(ModelType.DIN, SEED_V1);
        String instances = body(Map.of("instances", TrainedModels.instances(1, 1)));

        assertThat(assertProblem(postJson(predictPath("no-such-model", ""), instances), 404).get("detail")
                .asString()).contains("no-such-model");
        assertThat(assertProblem(postJson(predictPath(name, "?version=7"), instances), 404).get("detail")
                .asString()).contains("version 7");
        assertThat(assertProblem(postJson(predictPath(name, "?alias=canary"), instances), 404).get("detail")
                .asString()).contains("canary");
        assertProblem(postJson(rankPath("no-such-model", ""), "{\"context\": {}, \"candidates\": [{}]}"), 404);
        assertProblem(postJson(predictPath(name, "?version=one"), instances), 400);
        assertThat(assertProblem(postJson(predictPath(name, "?version=1&alias=production"), instances), 400)
                .get("detail").asString()).contains("not both");
    }

    @Test
    void badPredictRequestsNameTheFieldAndTheReason() {
        String name = registered(ModelType.DIN, SEED_V1);
        List<Map<String, Object>> instances = TrainedModels.instances(2, 3);

        List<Map<String, Object>> missing = copy(instances);
        missing.get(1).remove("item_id");
        assertField(postJson(predictPath(name, ""), body(Map.of("instances", missing))), "instances[1].item_id",
                "missing");

        List<Map<String, Object>> wrongType = copy(instances);
        wrongType.get(2).put("hist_item_id", 42);
        assertField(postJson(predictPath(name, ""), body(Map.of("instances", wrongType))),
                "instances[2].hist_item_id", "list");

        List<Map<String, Object>> objectValue = copy(instances);
        objectValue.get(0).put("user_id", Map.of("id", 3));
        assertField(postJson(predictPath(name, ""), body(Map.of("instances", objectValue))), "instances[0].user_id",
                "object");

        assertField(postJson(predictPath(name, ""), "{}"), "instances", "required");
        assertField(postJson(predictPath(name, ""), "{\"instances\": []}"), "instances", "required");
        assertField(postJson(predictPath(name, ""), "{\"instances\": [null]}"), "instances[0]", "null");
        assertField(postJson(predictPath(name, ""), body(Map.of("instances", TrainedModels.instances(1, 1001)))),
                "instances", "at most 1000");
        assertProblem(postJson(predictPath(name, ""), "{\"instances\": [{\"user_id\": "), 400);
        assertProblem(postJson(predictPath(name, ""), "{\"instance\": []}"), 400);

        String base = registered(ModelType.BASE, SEED_V1);
        assertField(postJson(predictPath(base, ""), body(Map.of("instances", instances, "explain", true))),
                "explain", "DIN");
    }

    @Test
    void badRankRequestsNameTheFieldAndTheReason() {
        String name = registered(ModelType.DIN, SEED_V1);
        Map<String, Object> context = TrainedModels.user(new SplittableRandom(8));
        List<Map<String, Object>> candidates = List.of(Map.of("item_id", "i1", "cate_id", "c1"),
                Map.of("item_id", "i2"), Map.of("item_id", "i3", "cate_id", "c3"));

        assertField(postJson(rankPath(name, ""), body(Map.of("context", context, "candidates", candidates))),
                "candidates[1].cate_id", "missing");
        Map<String, Object> badHistory = new HashMap<>(context);
        badHistory.put("hist_cate_id", "not-a-list-but-one-value");
        badHistory.put("hist_item_id", List.of(Map.of("x", 1)));
        assertField(postJson(rankPath(name, ""), body(Map.of("context", badHistory, "candidates",
                List.of(candidates.get(0))))), "context.hist_item_id", "object");
        assertField(postJson(rankPath(name, ""), body(Map.of("candidates", candidates))), "context", "required");
        assertField(postJson(rankPath(name, ""), body(Map.of("context", context, "candidates", List.of()))),
                "candidates", "required");
        assertField(postJson(rankPath(name, ""), body(Map.of("context", context, "candidates",
                List.of(candidates.get(0)), "topK", 0))), "topK", "at least 1");
        assertField(postJson(rankPath(name, ""), body(Map.of("context", context, "candidates",
                Collections.nCopies(10_001, candidates.get(0))))), "candidates", "at most 10000");
    }

    @Test
    void aBodyBeyondTheLimitIsRefusedWith413() {
        String name = registered(ModelType.DIN, SEED_V1);
        byte[] tooLarge = new byte[8 * 1024 * 1024 + 1000];
        java.util.Arrays.fill(tooLarge, (byte) ' ');
        // Sent without a length, so that the server must count what it reads.
        ResponseEntity<JsonNode> response = http.post().uri(predictPath(name, ""))
                .contentType(MediaType.APPLICATION_JSON)
                .body(out -> out.write(tooLarge))
                .retrieve().toEntity(JsonNode.class);
        JsonNode problem = assertProblem(response, 413);
        assertThat(problem.get("detail").asString()).contains("din.serving.max-body-size");
        assertThat(problem.get("maxBodyBytes").asLong()).isEqualTo(8L * 1024 * 1024);
    }

    @Test
    void theMetricsArePublishedForPrometheus() {
        String name = registered(ModelType.DIN, SEED_V1);
        ok(postJson(predictPath(name, ""), body(Map.of("instances", TrainedModels.instances(6, 3)))));
        assertThat(meters.get("din.serving.predictions").tags("model", name, "version", "1").counter().count())
                .isEqualTo(3);
        assertThat(meters.get("din.serving.request.latency").tags("model", name, "version", "1", "endpoint",
                "predict").timer().count()).isEqualTo(1);
        assertThat(meters.get("din.serving.queue.wait").tags("model", name, "version", "1").timer().count())
                .isEqualTo(1);
        assertThat(meters.get("din.serving.models.loaded").gauge().value()).isGreaterThanOrEqualTo(1);
        assertThat(meters.get("http.server.requests").tags("uri", "/api/v1/models/{name}/predict", "status", "200")
                .timer().count()).as("the route, not the path, names a predict's request metrics").isPositive();

        String scraped = http.get().uri("/actuator/prometheus").retrieve().body(String.class);
        assertThat(gauge(scraped, "din_native_heap_in_use_bytes")).as("the engine's tensors at least")
                .isGreaterThan(1 << 20);
        assertThat(gauge(scraped, "din_native_heap_free_bytes")).isNotNegative();
        assertThat(gauge(scraped, "din_serving_models_loaded")).isGreaterThanOrEqualTo(1);
    }

    /** The value of an untagged gauge in Prometheus's text format. */
    private static double gauge(String scraped, String name) {
        return scraped.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(name + " is not published"));
    }

    private String registered(ModelType type, long seed) {
        String name = "serving-" + type.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        TrainedModels.register(artifacts, models, name, type, seed);
        return name;
    }

    private static String predictPath(String name, String query) {
        return "/api/v1/models/" + name + "/predict" + query;
    }

    private static String rankPath(String name, String query) {
        return "/api/v1/models/" + name + "/rank" + query;
    }

    private static String body(Object value) {
        return new String(JSON.writeValueAsBytes(value), StandardCharsets.UTF_8);
    }

    private static JsonNode ok(ResponseEntity<JsonNode> response) {
        assertThat(response.getStatusCode().value()).as("status of %s", response.getBody()).isEqualTo(200);
        return response.getBody();
    }

    private static void assertField(ResponseEntity<JsonNode> response, String field, String reason) {
        JsonNode problem = assertProblem(response, 400);
        assertThat(problem.has("errors")).as("errors in %s", problem).isTrue();
        JsonNode error = problem.get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo(field);
        assertThat(error.get("reason").asString()).containsIgnoringCase(reason);
        assertThat(problem.get("detail").asString()).contains(field);
    }

    private static List<Map<String, Object>> copy(List<Map<String, Object>> instances) {
        return instances.stream().<Map<String, Object>>map(HashMap::new).toList();
    }

    /** Runs n requests at once (released together) and returns their bodies, each asserted 200, in order. */
    private static List<JsonNode> concurrently(int n, java.util.function.IntFunction<ResponseEntity<JsonNode>> call)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<JsonNode>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int request = i;
                answers.add(threads.submit(() -> {
                    start.await();
                    return ok(call.apply(request));
                }));
            }
            start.countDown();
            List<JsonNode> bodies = new ArrayList<>();
            for (Future<JsonNode> answer : answers) {
                bodies.add(answer.get());
            }
            return bodies;
        } finally {
            threads.shutdown();
        }
    }
}
