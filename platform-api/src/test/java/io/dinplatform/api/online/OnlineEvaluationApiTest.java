package io.dinplatform.api.online;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.UUIDClock;
import io.dinplatform.api.AdjustableClock;
import io.dinplatform.api.PlatformApiTest;
import io.dinplatform.api.SamplesCsv;
import io.dinplatform.api.serving.TrainedModels;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.artifact.StoredArtifact;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.registry.impression.ClickFeedback;
import io.dinplatform.registry.impression.Impression;
import io.dinplatform.registry.impression.ImpressionIds;
import io.dinplatform.registry.impression.ImpressionPartitions;
import io.dinplatform.registry.impression.ImpressionRepository;
import io.dinplatform.registry.impression.ServedRow;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.model.NewModelVersion;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The loop from served predictions back to evaluation, over HTTP with a real model and PostgreSQL: every score
 * answered carries an impression id, the impressions reach the log, click feedback is recorded per report, and the
 * online metrics equal the figures computed here by hand from the answers and the clicks sent.
 */
class OnlineEvaluationApiTest extends PlatformApiTest {

    private static final JsonMapper JSON = JsonMapper.shared();

    @Autowired
    ModelRepository models;

    @Autowired
    ArtifactStore artifacts;

    @Autowired
    DatasetRepository datasets;

    @Autowired
    ImpressionWriter writer;

    @Autowired
    ImpressionQueue queue;

    @Autowired
    ImpressionRepository impressionLog;

    @Autowired
    ImpressionPartitions partitions;

    @Autowired
    OnlineGauges gauges;

    @Autowired
    OnlineMetricsService onlineMetrics;

    @Autowired
    DriftService driftService;

    @Autowired
    ImpressionProperties impressionProperties;

    @Test
    void onlineMetricsEqualTheFiguresOfTheAnswersAndTheClicksReported() {
        String name = registered();
        List<Map<String, Object>> instances = TrainedModels.instances(21, 60);
        JsonNode answer = ok(postJson(path(name, "/predict"), body(Map.of("instances", instances))));
        List<UUID> ids = new ArrayList<>();
        List<Float> scores = new ArrayList<>();
        answer.get("predictions").forEach(p -> {
            ids.add(UUID.fromString(p.get("impressionId").asString()));
            scores.add(p.get("score").floatValue());
        });
        assertThat(ids).doesNotHaveDuplicates().hasSize(60)
                .allSatisfy(id -> assertThat(ImpressionIds.servedAt(id)).isPresent());
        writer.flush();

        // Clicks drawn at random, most rows reported, a few left without feedback.
        SplittableRandom random = new SplittableRandom(3);
        List<Map<String, Object>> reports = new ArrayList<>();
        boolean[] clicked = new boolean[60];
        boolean[] reported = new boolean[60];
        for (int i = 0; i < 60; i++) {
            reported[i] = i % 10 != 0;
            clicked[i] = reported[i] && random.nextDouble() < 0.4;
            if (reported[i]) {
                reports.add(Map.of("impressionId", ids.get(i).toString(), "clicked", clicked[i]));
            }
        }
        reports.add(Map.of("impressionId", ImpressionIds.next().toString(), "clicked", true));
        reports.add(Map.of("impressionId", UUID.randomUUID().toString(), "clicked", true));
        reports.add(Map.of("impressionId", idAt(Instant.now().minus(40, ChronoUnit.DAYS)).toString(), "clicked", true));
        JsonNode outcome = ok(postJson("/api/v1/feedback", body(reports)));

        assertThat(outcome.get("recorded").asInt()).isEqualTo(54);
        List<String> outcomes = new ArrayList<>();
        outcome.get("results").forEach(r -> outcomes.add(r.get("outcome").asString()));
        assertThat(outcomes.subList(0, 54)).containsOnly("RECORDED");
        assertThat(outcomes.subList(54, 57)).containsExactly("UNKNOWN", "UNKNOWN", "EXPIRED");
        // The same reports again change nothing.
        assertThat(ok(postJson("/api/v1/feedback", body(reports))).get("recorded").asInt()).isEqualTo(54);

        JsonNode windows = ok(get("/api/v1/models/" + name + "/online-metrics?window=DAY")).get("windows");
        assertThat(windows).hasSize(1);
        JsonNode day = windows.get(0);
        assertThat(day.get("version").asInt()).isEqualTo(1);
        assertThat(day.get("arm").asString()).isEqualTo(ServedImpressions.DEFAULT_ARM);
        assertThat(day.get("impressions").asLong()).isEqualTo(60);
        assertThat(day.get("labelled").asLong()).isEqualTo(54);
        long clicks = 0;
        double scoreSum = 0;
        for (int i = 0; i < 60; i++) {
            clicks += clicked[i] ? 1 : 0;
            scoreSum += scores.get(i);
        }
        assertThat(day.get("clicks").asLong()).isEqualTo(clicks);
        assertThat(day.get("ctr").asDouble()).isCloseTo(clicks / 60.0, within(1e-12));
        assertThat(day.get("meanPredictedCtr").asDouble()).isCloseTo(scoreSum / 60, within(1e-6));
        assertThat(day.get("calibration").asDouble()).isCloseTo((scoreSum / 60) / (clicks / 60.0), within(1e-6));
        assertThat(day.get("auc").asDouble()).isCloseTo(pairwiseAuc(scores, clicked, reported, allRows(60)),
                within(1e-9));
        assertThat(day.get("gauc").asDouble()).isCloseTo(groupedAuc(scores, clicked, reported, instances),
                within(1e-9));
        assertThat(day.get("latencyMs").get("p50").asDouble()).isPositive();
    }

    @Test
    void aRankingsCandidatesCarryIdsAndALaterClickReplacesAnEarlierNoClick() {
        String name = registered();
        Map<String, Object> context = TrainedModels.user(new SplittableRandom(9));
        List<Map<String, Object>> candidates = new ArrayList<>();
        for (int c = 0; c < 12; c++) {
            candidates.add(Map.of("item_id", "i" + c, "cate_id", "c" + (c % 7)));
        }
        JsonNode ranked = ok(postJson(path(name, "/rank?version=1"),
                body(Map.of("context", context, "candidates", candidates, "topK", 5)))).get("ranked");
        assertThat(ranked).hasSize(5);
        String best = ranked.get(0).get("impressionId").asString();
        writer.flush();

        ok(postJson("/api/v1/feedback", body(List.of(Map.of("impressionId", best, "clicked", false)))));
        ok(postJson("/api/v1/feedback", body(List.of(Map.of("impressionId", best, "clicked", true)))));

        JsonNode window = ok(get("/api/v1/models/" + name + "/online-metrics")).get("windows").get(0);
        assertThat(window.get("arm").isNull()).as("a request that named the version has no arm").isTrue();
        assertThat(window.get("impressions").asLong()).as("the candidates returned").isEqualTo(5);
        assertThat(window.get("labelled").asLong()).isEqualTo(1);
        assertThat(window.get("clicks").asLong()).isEqualTo(1);
        assertThat(window.get("auc").isNull()).as("one report has no AUC").isTrue();
        JsonNode own = JSON.readTree(jdbc.sql("SELECT features::text FROM impressions WHERE id = ?::uuid")
                .param(best).query(String.class).single());
        assertThat(own.get("item_id").asString()).isEqualTo("i" + ranked.get(0).get("index").asInt());
        assertThat(own.has("user_id")).as("a candidate's row holds its own features, the context apart").isFalse();
        assertThat(jdbc.sql("""
                        SELECT count(DISTINCT c.id) FROM impressions i
                        JOIN impression_contexts c ON c.id = i.context_id AND c.served_at = i.served_at
                        WHERE i.model_name = ?
                        """).param(name).query(Long.class).single())
                .as("the five returned candidates share one logged context").isEqualTo(1);
        List<ServedRow> rows = new ArrayList<>();
        impressionLog.forEachServed(name, Instant.now().minusSeconds(600), Instant.now().plusSeconds(1),
                rows::add);
        assertThat(rows).hasSize(5).allSatisfy(row -> {
            assertThat(row.features().get("user_id").asString()).as("read back with the context's features")
                    .isEqualTo(context.get("user_id"));
            assertThat(row.features().has("item_id")).isTrue();
        });
    }

    @Test
    void aModelLoggedAtRateZeroStillAnswersWithIdsButLogsNothing() {
        String name = registered();
        assertProblem(putJson("/api/v1/models/" + name + "/impression-logging", "{\"sampleRate\": 1.5}"), 400);
        assertProblem(putJson("/api/v1/models/no-such-model/impression-logging", "{\"sampleRate\": 0}"), 404);
        JsonNode logging = ok(putJson("/api/v1/models/" + name + "/impression-logging", "{\"sampleRate\": 0}"));
        assertThat(logging.get("sampleRate").floatValue()).isZero();
        assertThat(logging.get("own").asBoolean()).isTrue();

        JsonNode answer = ok(postJson(path(name, "/predict"),
                body(Map.of("instances", TrainedModels.instances(4, 5)))));
        writer.flush();

        assertThat(answer.get("predictions").get(0).has("impressionId")).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM impressions WHERE model_name = ?").param(name).query(Long.class)
                .single()).isZero();
    }

    @Test
    void malformedFeedbackIsRefusedWholeAndRecordsNothing() {
        String name = registered();
        JsonNode answer = ok(postJson(path(name, "/predict"), body(Map.of("instances", TrainedModels.instances(5, 2)))));
        writer.flush();
        String id = answer.get("predictions").get(0).get("impressionId").asString();
        long before = count("impression_feedback");

        JsonNode problem = assertProblem(postJson("/api/v1/feedback", "[{\"impressionId\": \"" + id
                + "\", \"clicked\": true}, {\"impressionId\": \"not-a-uuid\", \"clicked\": true}, "
                + "{\"impressionId\": \"" + id + "\"}]"), 400);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("[1].impressionId");
        assertThat(problem.get("errors").get(1).get("field").asString()).isEqualTo("[2].clicked");
        assertProblem(postJson("/api/v1/feedback", "[]"), 400);
        assertProblem(postJson("/api/v1/feedback", "{\"impressionId\": \"" + id + "\"}"), 400);
        assertProblem(get("/api/v1/models/" + name + "/online-metrics?from=2026-01-02T00:00:00Z"
                + "&to=2026-01-01T00:00:00Z"), 400);
        assertProblem(get("/api/v1/models/no-such-model/online-metrics"), 404);

        assertThat(count("impression_feedback")).isEqualTo(before);
    }

    @Test
    void servedImpressionsAndTheirClicksBecomeADatasetSplitByTimeWithItsLineage() {
        String name = registeredWithDataset();
        JsonNode answer = ok(postJson(path(name, "/predict"), body(Map.of("instances",
                TrainedModels.instances(8, 30)))));
        writer.flush();
        List<Map<String, Object>> reports = new ArrayList<>();
        for (int i = 0; i < 30; i += 3) {
            reports.add(Map.of("impressionId", answer.get("predictions").get(i).get("impressionId").asString(),
                    "clicked", i % 2 == 0));
        }
        ok(postJson("/api/v1/feedback", body(reports)));
        String dataset = "served-" + UUID.randomUUID().toString().substring(0, 8);

        ResponseEntity<JsonNode> built = postJson("/api/v1/datasets/builds/impressions", body(Map.of("name", dataset,
                "model", name, "labelDelay", "PT0S")));

        assertThat(built.getStatusCode().value()).as("status of %s", built.getBody()).isEqualTo(201);
        JsonNode version = built.getBody();
        assertThat(version.get("rows").asLong()).isEqualTo(30);
        JsonNode origin = version.get("origin");
        assertThat(origin.get("protocol").asString()).isEqualTo("IMPRESSIONS");
        assertThat(origin.get("model").asString()).isEqualTo(name);
        assertThat(origin.get("servedBy").get(0).asInt()).isEqualTo(1);
        assertThat(origin.get("reported").asLong()).isEqualTo(10);
        assertThat(origin.get("clicks").asLong()).isEqualTo(5);
        assertThat(version.get("schema").get("split").asString()).isEqualTo("split");
        JsonNode splits = version.get("stats").get("splitSizes");
        assertThat(splits.get("train").asLong()).as("the oldest 80 %% train").isEqualTo(24);
        assertThat(splits.get("valid").asLong()).isEqualTo(3);
        assertThat(splits.get("test").asLong()).as("the newest test").isEqualTo(3);

        assertProblem(postJson("/api/v1/datasets/builds/impressions", body(Map.of("name", dataset,
                "model", "no-such-model"))), 404);
        assertProblem(postJson("/api/v1/datasets/builds/impressions", body(Map.of("name", dataset,
                "model", name, "labelDelay", "P3650D"))), 400);
        assertProblem(postJson("/api/v1/datasets/builds/impressions", body(Map.of("name", dataset,
                "model", name, "labelDelay", "an hour"))), 400);
        assertThat(datasets.findVersions(dataset)).as("refused builds register nothing").hasSize(1);
    }

    @Test
    void driftNamesWhatMovedAgainstTheTrainingDataAndTheFirstWindow() {
        String name = registeredWithDataset();
        Instant first = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
        Instant second = first.plus(1, ChronoUnit.HOURS);
        partitions.ensure(first.atZone(java.time.ZoneOffset.UTC).toLocalDate());
        partitions.ensure(second.atZone(java.time.ZoneOffset.UTC).toLocalDate());
        List<Impression> served = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            // the first hour: low scores, every id known, histories as long as in training (empty or two items)
            served.add(served(name, first.plusSeconds(i), 0.05f + 0.001f * i, List.of(), i % 4 == 0 ? 0 : 2));
            // the second: high scores, users the model never saw, histories longer than any in training
            served.add(served(name, second.plusSeconds(i), 0.9f, List.of("user_id"), 40));
        }
        impressionLog.insert(served);

        JsonNode drift = ok(get("/api/v1/models/" + name + "/drift?from=" + first + "&to=" + second.plusSeconds(3600)));

        assertThat(drift.get("threshold").asDouble()).isEqualTo(0.25);
        JsonNode windows = drift.get("windows");
        assertThat(windows).hasSize(2);
        JsonNode reference = windows.get(0);
        assertThat(reference.get("impressions").asLong()).isEqualTo(50);
        assertThat(reference.get("scorePsi").isNull()).as("the first window is the reference").isTrue();
        assertThat(reference.get("unknownRates").get("user_id").asDouble()).isZero();
        JsonNode moved = windows.get(1);
        assertThat(moved.get("unknownRates").get("user_id").asDouble()).isEqualTo(1.0);
        assertThat(moved.get("scorePsi").asDouble()).isGreaterThan(0.25);
        assertThat(reference.get("historyLengthPsi").asDouble()).as("histories like the training data's")
                .isLessThan(0.1);
        assertThat(moved.get("historyLengthPsi").asDouble()).as("histories longer than any in training")
                .isGreaterThan(0.25);
        List<String> what = new ArrayList<>();
        moved.get("moved").forEach(w -> what.add(w.asString()));
        assertThat(what).contains("score", "user_id", "historyLength").doesNotContain("item_id");
    }

    @Test
    void theGaugesHoldTheLastCompleteHoursFiguresAsTheEndpointsAnswerThem() {
        String name = registeredWithDataset();
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
        partitions.ensure(hour.atZone(java.time.ZoneOffset.UTC).toLocalDate());
        List<Impression> served = new ArrayList<>();
        List<ClickFeedback> clicks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Impression impression = served(name, hour.plusSeconds(60L * i), 0.02f * i,
                    i % 5 == 0 ? List.of("user_id") : List.of(), 2);
            served.add(impression);
            if (i % 2 == 0) {
                clicks.add(new ClickFeedback(impression.id(), i % 4 == 0 || i > 30, Instant.now()));
            }
        }
        // this hour's impressions are not the last complete hour's: no gauge counts them
        served.add(served(name, Instant.now(), 0.5f, List.of(), 2));
        impressionLog.insert(served);
        impressionLog.recordFeedback(clicks);

        gauges.refresh();

        JsonNode expected = ok(get("/api/v1/models/" + name + "/online-metrics?window=HOUR&from=" + hour + "&to="
                + hour.plus(1, ChronoUnit.HOURS))).get("windows").get(0);
        JsonNode drift = ok(get("/api/v1/models/" + name + "/drift?window=HOUR&from=" + hour + "&to="
                + hour.plus(1, ChronoUnit.HOURS))).get("windows").get(0);
        String scrape = http.get().uri("/actuator/prometheus").retrieve().body(String.class);
        String online = "{arm=\"\",model=\"" + name + "\",version=\"1\"}";
        assertThat(sample(scrape, "din_online_impressions" + online)).isEqualTo(40);
        assertThat(sample(scrape, "din_online_labelled" + online)).isEqualTo(20);
        assertThat(sample(scrape, "din_online_clicks" + online)).isEqualTo(expected.get("clicks").asDouble());
        assertThat(sample(scrape, "din_online_ctr" + online)).isCloseTo(expected.get("ctr").asDouble(),
                within(1e-9));
        assertThat(sample(scrape, "din_online_auc" + online)).isCloseTo(expected.get("auc").asDouble(),
                within(1e-9));
        assertThat(sample(scrape, "din_online_gauc" + online)).isCloseTo(expected.get("gauc").asDouble(),
                within(1e-9));
        String user = "{distribution=\"unknown:user_id\",model=\"" + name + "\",version=\"1\"}";
        assertThat(sample(scrape, "din_drift_psi" + "{distribution=\"historyLength\",model=\"" + name
                + "\",version=\"1\"}")).isCloseTo(drift.get("historyLengthPsi").asDouble(), within(1e-9));
        assertThat(scrape).as("the first window of the hour is its own reference: no score PSI")
                .doesNotContain("din_drift_psi{distribution=\"score\",model=\"" + name + "\"");
        assertThat(drift.get("unknownRates").get("user_id").asDouble()).isEqualTo(0.2);
        assertThat(scrape).doesNotContain("din_drift_moved" + user);
    }

    /**
     * A refresh tallies the hour and computes again only what changed: a model's online figures when its impressions
     * or the hour's feedback did, its drift only when its impressions did; a new hour starts afresh. The gauges of
     * a fresh instance over its own meter registry and clock, on an hour no other test serves in.
     */
    @Test
    void aRefreshComputesAgainOnlyTheFiguresWhoseImpressionsOrFeedbackChanged() {
        String first = registered();
        String second = registered();
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(5 * 24 + 3, ChronoUnit.HOURS);
        partitions.ensure(hour.atZone(java.time.ZoneOffset.UTC).toLocalDate());
        List<Impression> served = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            served.add(served(first, hour.plusSeconds(60L * i), 0.04f * i, List.of(), 2));
            served.add(served(second, hour.plusSeconds(60L * i + 1), 0.5f, List.of(), 2));
        }
        impressionLog.insert(served);
        impressionLog.recordFeedback(List.of(new ClickFeedback(served.get(0).id(), true, Instant.now())));
        AdjustableClock clock = new AdjustableClock(hour.plus(65, ChronoUnit.MINUTES));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        OnlineGauges ownGauges = new OnlineGauges(impressionLog, onlineMetrics, driftService, impressionProperties,
                clock, meters);

        ownGauges.refresh();
        assertThat(computations(meters)).as("both models, once").containsExactly(2.0, 2.0);
        assertThat(gauge(meters, "din.online.clicks", first)).isEqualTo(1);

        ownGauges.refresh();
        assertThat(computations(meters)).as("nothing changed").containsExactly(2.0, 2.0);

        impressionLog.recordFeedback(List.of(new ClickFeedback(served.get(2).id(), true, Instant.now())));
        ownGauges.refresh();
        assertThat(computations(meters)).as("feedback: both models' online figures, no drift")
                .containsExactly(4.0, 2.0);
        assertThat(gauge(meters, "din.online.clicks", first)).isEqualTo(2);
        assertThat(gauge(meters, "din.online.labelled", first)).isEqualTo(2);

        impressionLog.recordFeedback(List.of(new ClickFeedback(served.get(2).id(), false, Instant.now())));
        ownGauges.refresh();
        assertThat(computations(meters)).as("a report changed: the online figures again").containsExactly(6.0, 2.0);
        assertThat(gauge(meters, "din.online.clicks", first)).isEqualTo(1);

        impressionLog.insert(List.of(served(first, hour.plusSeconds(3000), 0.9f, List.of("user_id"), 2)));
        ownGauges.refresh();
        assertThat(computations(meters)).as("an impression of the first: its figures alone").containsExactly(7.0, 3.0);
        assertThat(gauge(meters, "din.online.impressions", first)).isEqualTo(21);
        assertThat(gauge(meters, "din.online.impressions", second)).isEqualTo(20);

        clock.advance(Duration.ofHours(1));
        ownGauges.refresh();
        assertThat(computations(meters)).as("a new hour without impressions").containsExactly(7.0, 3.0);
        assertThat(meters.find("din.online.impressions").gauges()).as("no model served in it").isEmpty();
    }

    /** The online and drift computations the gauges counted, in that order. */
    private static List<Double> computations(SimpleMeterRegistry meters) {
        return List.of(meters.get("din.online.gauges.computations").tag("figures", "online").counter().count(),
                meters.get("din.online.gauges.computations").tag("figures", "drift").counter().count());
    }

    private static double gauge(SimpleMeterRegistry meters, String name, String model) {
        return meters.get(name).tag("model", model).gauge().value();
    }

    /** The value of one sample line of a Prometheus scrape. */
    private static double sample(String scrape, String series) {
        return scrape.lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(series + " is not in the scrape"));
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfWaiting() {
        ImpressionQueue small = new ImpressionQueue(2, new SimpleMeterRegistry());
        for (int i = 0; i < 5; i++) {
            small.offer(new Impression(ImpressionIds.next(), Instant.now(), "m", 1,
                    null, 0.5f, null, JSON.createObjectNode(), List.of(), 1));
        }
        assertThat(small.dropped()).isEqualTo(3);
        assertThat(queue.dropped()).as("the platform's queue dropped nothing in these tests").isZero();
    }

    /** AUC by counting pairs: a clicked report scored above a non-clicked one counts 1, a tie 1/2. */
    private static double pairwiseAuc(List<Float> scores, boolean[] clicked, boolean[] reported, List<Integer> among) {
        double concordant = 0;
        long pairs = 0;
        for (int p : among) {
            for (int n : among) {
                if (reported[p] && reported[n] && clicked[p] && !clicked[n]) {
                    pairs++;
                    float a = scores.get(p);
                    float b = scores.get(n);
                    concordant += a > b ? 1 : a == b ? 0.5 : 0;
                }
            }
        }
        return pairs == 0 ? Double.NaN : concordant / pairs;
    }

    private static List<Integer> allRows(int n) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(i);
        }
        return rows;
    }

    /** GAUC: per user the pairwise AUC of its reported rows, weighted by the user's reported rows. */
    private static double groupedAuc(List<Float> scores, boolean[] clicked, boolean[] reported,
                                     List<Map<String, Object>> instances) {
        Map<Object, List<Integer>> byUser = new LinkedHashMap<>();
        for (int i = 0; i < scores.size(); i++) {
            if (reported[i]) {
                byUser.computeIfAbsent(instances.get(i).get("user_id"), u -> new ArrayList<>()).add(i);
            }
        }
        double weighted = 0;
        long weight = 0;
        for (List<Integer> rows : byUser.values()) {
            double auc = pairwiseAuc(scores, clicked, reported, rows);
            if (!Double.isNaN(auc)) {
                weighted += auc * rows.size();
                weight += rows.size();
            }
        }
        return weighted / weight;
    }

    /** An impression of the model's version 1 as serving would log it. */
    private static Impression served(String model, Instant at, float score, List<String> unknown, int history) {
        List<String> items = new ArrayList<>();
        for (int t = 0; t < history; t++) {
            items.add("i" + t);
        }
        return new Impression(idAt(at), at, model, 1, null, score, "u1", JSON.valueToTree(Map.of("user_id", "u1",
                "item_id", "i1", "cate_id", "c1", "hist_item_id", items, "hist_cate_id", items)), unknown, 100);
    }

    /** A model whose version 1 records the dataset it was trained on (uploaded here). */
    private String registeredWithDataset() {
        String source = "drift-source-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(upload(source, SamplesCsv.SCHEMA, SamplesCsv.bytes(SamplesCsv.rows(40, 3)), "samples.csv")
                .getStatusCode().value()).isEqualTo(201);
        String name = "drift-" + UUID.randomUUID().toString().substring(0, 8);
        models.createNextVersion(new NewModelVersion(name, null, datasets.findLatestVersion(source).orElseThrow().id(),
                store(TrainedModels.bundle(ModelType.DIN, 11)).sha256(), null,
                JSON.readTree("{\"architecture\": {\"type\": \"DIN\"}}")));
        return name;
    }

    private StoredArtifact store(byte[] bundle) {
        try {
            return artifacts.write(new ByteArrayInputStream(bundle));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String registered() {
        String name = "online-" + UUID.randomUUID().toString().substring(0, 8);
        TrainedModels.register(artifacts, models, name, ModelType.DIN, 11);
        return name;
    }

    private static String path(String name, String operation) {
        return "/api/v1/models/" + name + operation;
    }

    private static String body(Object value) {
        return new String(JSON.writeValueAsBytes(value), StandardCharsets.UTF_8);
    }

    private static JsonNode ok(ResponseEntity<JsonNode> response) {
        assertThat(response.getStatusCode().value()).as("status of %s", response.getBody()).isEqualTo(200);
        return response.getBody();
    }

    /** An impression id made at another time, as serving made it then. */
    private static UUID idAt(Instant at) {
        return Generators.timeBasedEpochRandomGenerator(null, new UUIDClock() {
            @Override
            public long currentTimeMillis() {
                return at.toEpochMilli();
            }
        }).generate();
    }
}
