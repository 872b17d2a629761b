package io.dinplatform.api.online;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.UUIDClock;
import io.dinplatform.api.PlatformApiTest;
import io.dinplatform.api.inference.InstanceTensors;
import io.dinplatform.api.serving.TrainedModels;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.impression.ClickFeedback;
import io.dinplatform.registry.impression.Impression;
import io.dinplatform.registry.impression.ImpressionPartitions;
import io.dinplatform.registry.impression.ImpressionRepository;
import io.dinplatform.registry.model.ModelRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Traffic splits and shadow versions over HTTP, with real models and PostgreSQL: a weighted alias sends each user to
 * one arm in the proportions asked for and keeps them there, every answer names the version that scored it, a shadow
 * version's scores reach the log and never a response, the comparison of two arms equals the figures computed here
 * by hand, and a bad alias body changes nothing.
 */
class TrafficSplitTest extends PlatformApiTest {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final int USERS = 10_000;
    private static final int PER_REQUEST = 1_000;

    @Autowired
    ModelRepository models;

    @Autowired
    ArtifactStore artifacts;

    @Autowired
    ImpressionWriter writer;

    @Autowired
    ImpressionRepository impressionLog;

    @Autowired
    ImpressionPartitions partitions;

    @Test
    void aNinetyTenSplitOfTenThousandUsersIsWithinBinomialToleranceAndSticky() {
        String name = twoVersions("split");
        ok(putJson("/api/v1/models/" + name + "/impression-logging", "{\"sampleRate\": 0}"));
        JsonNode alias = ok(putJson(aliasPath(name, "production"),
                "{\"versions\": [{\"version\": 1, \"weight\": 90}, {\"version\": 2, \"weight\": 10}]}"));
        assertThat(alias.get("version").asInt()).as("the first arm").isEqualTo(1);
        assertThat(alias.get("traffic").get("arms")).hasSize(2);
        assertThat(alias.get("traffic").get("arms").get(1).get("weight").asInt()).isEqualTo(10);
        assertThat(ok(get("/api/v1/models/" + name)).get("traffic").get("production").get("arms")).hasSize(2);

        List<Map<String, Object>> instances = usersInstances(USERS);
        Map<String, Integer> first = versionsByUser(name, instances);
        long second = first.values().stream().filter(v -> v == 2).count();

        // Binomial(10,000, 0.1): mean 1,000, standard deviation 30; four of them either side.
        assertThat(second).isBetween(1_000L - 120, 1_000L + 120);
        assertThat(first.values()).containsOnly(1, 2);
        List<Map<String, Object>> shuffled = new ArrayList<>(instances);
        Collections.shuffle(shuffled, new java.util.Random(5));
        assertThat(versionsByUser(name, shuffled)).as("every user on the same arm again").isEqualTo(first);

        // A rank request goes to its user's arm as a whole, and says which.
        for (String user : List.of("user-1", "user-2", "user-3", "user-4", "user-5", "user-6")) {
            Map<String, Object> context = new HashMap<>(TrainedModels.user(new SplittableRandom(user.hashCode())));
            context.put("user_id", user);
            JsonNode ranked = ok(postJson(path(name, "/rank"), body(Map.of("context", context,
                    "candidates", List.of(Map.of("item_id", "i1", "cate_id", "c1"),
                            Map.of("item_id", "i2", "cate_id", "c2"))))));
            assertThat(ranked.get("version").asInt()).as("the arm of %s", user).isEqualTo(first.get(user));
        }
    }

    @Test
    void eachArmScoresItsOwnInstancesAndTheImpressionsNameTheirVersion() {
        String name = twoVersions("arms");
        ok(putJson(aliasPath(name, "canary"),
                "{\"versions\": [{\"version\": 1, \"weight\": 1}, {\"version\": 2, \"weight\": 1}]}"));
        List<Map<String, Object>> instances = usersInstances(60);

        JsonNode answer = ok(postJson(path(name, "/predict?alias=canary"), body(Map.of("instances", instances))));
        JsonNode alone1 = ok(postJson(path(name, "/predict?version=1"), body(Map.of("instances", instances))));
        JsonNode alone2 = ok(postJson(path(name, "/predict?version=2"), body(Map.of("instances", instances))));
        writer.flush();

        Map<Integer, Integer> served = new HashMap<>();
        for (int i = 0; i < instances.size(); i++) {
            JsonNode prediction = answer.get("predictions").get(i);
            int version = prediction.get("version").asInt();
            served.merge(version, 1, Integer::sum);
            JsonNode alone = (version == 1 ? alone1 : alone2).get("predictions").get(i);
            JsonNode other = (version == 1 ? alone2 : alone1).get("predictions").get(i);
            // The arm's instances are a smaller batch than all 60: the engine's kernels may round differently.
            assertThat(prediction.get("score").floatValue()).as("instance %d, version %d", i, version)
                    .isCloseTo(alone.get("score").floatValue(), within(1e-6f));
            assertThat(Math.abs(alone.get("score").floatValue() - other.get("score").floatValue()))
                    .as("the two versions tell apart at this tolerance").isGreaterThan(1e-4f);
            assertThat(alone1.get("predictions").get(i).get("version").asInt()).isEqualTo(1);
        }
        assertThat(served.keySet()).as("both arms of an even split among 60 users").containsExactlyInAnyOrder(1, 2);
        assertThat(answer.get("version").asInt()).isEqualTo(answer.get("predictions").get(0).get("version").asInt());
        awaitLogged(name, "shadow_of IS NULL AND arm = 'canary'", instances.size());
        Map<Integer, Long> logged = new HashMap<>();
        jdbc.sql("SELECT model_version, count(*) AS n FROM impressions WHERE model_name = ? AND arm = 'canary' "
                        + "GROUP BY model_version").param(name)
                .query(row -> {
                    logged.put(row.getInt("model_version"), row.getLong("n"));
                });
        assertThat(logged).isEqualTo(Map.of(1, (long) served.get(1), 2, (long) served.get(2)));
        JsonNode windows = ok(get("/api/v1/models/" + name + "/online-metrics?window=DAY")).get("windows");
        List<String> arms = new ArrayList<>();
        windows.forEach(w -> arms.add(w.get("arm").asString() + "@v" + w.get("version").asInt()));
        assertThat(arms).contains("canary@v1", "canary@v2");

        // The Open Inference Protocol's version segment takes the split alias too.
        JsonNode inferred = ok(postJson("/v2/models/" + name + "/versions/canary/infer",
                body(Map.of("inputs", InstanceTensors.of(instances.subList(0, 1))))));
        assertThat(inferred.get("model_version").asString())
                .isEqualTo(answer.get("predictions").get(0).get("version").asString());
    }

    @Test
    void shadowScoresAreLoggedAgainstTheServedImpressionsAndNeverReturned() {
        String name = twoVersions("twin");
        JsonNode alias = ok(putJson(aliasPath(name, "production"), "{\"version\": 1, \"shadow\": 2}"));
        assertThat(alias.get("traffic").get("shadow").asInt()).isEqualTo(2);
        List<Map<String, Object>> instances = usersInstances(20);

        JsonNode answer = ok(postJson(path(name, "/predict"), body(Map.of("instances", instances))));
        JsonNode byVersion1 = ok(postJson(path(name, "/predict?version=1"), body(Map.of("instances", instances))));
        JsonNode byVersion2 = ok(postJson(path(name, "/predict?version=2"), body(Map.of("instances", instances))));

        Map<String, Float> returned = new HashMap<>();
        for (int i = 0; i < instances.size(); i++) {
            JsonNode prediction = answer.get("predictions").get(i);
            assertThat(prediction.get("version").asInt()).isEqualTo(1);
            assertThat(prediction.get("score").floatValue())
                    .isEqualTo(byVersion1.get("predictions").get(i).get("score").floatValue());
            returned.put(prediction.get("impressionId").asString(), prediction.get("score").floatValue());
        }
        assertThat(answer.toString()).doesNotContain("shadow");
        awaitShadows(name, 20);

        Map<String, Float> shadowScores = new HashMap<>();
        jdbc.sql("SELECT shadow_of::text AS twin, score, model_version, arm FROM impressions "
                        + "WHERE model_name = ? AND shadow_of IS NOT NULL").param(name)
                .query(row -> {
                    assertThat(row.getInt("model_version")).isEqualTo(2);
                    assertThat(row.getString("arm")).isEqualTo("default");
                    shadowScores.put(row.getString("twin"), row.getFloat("score"));
                });
        assertThat(shadowScores.keySet()).as("one shadow score per served impression")
                .isEqualTo(returned.keySet());
        for (int i = 0; i < instances.size(); i++) {
            String id = answer.get("predictions").get(i).get("impressionId").asString();
            float version2 = byVersion2.get("predictions").get(i).get("score").floatValue();
            // to float rounding: the shadow's rows may share a forward pass with other requests'
            assertThat(shadowScores.get(id)).as("the shadow scored instance %d as version 2 does", i)
                    .isCloseTo(version2, within(1e-6f));
            assertThat(returned.values()).as("never returned").doesNotContain(version2);
        }

        // A click on a served impression labels its shadow score too; the metrics keep the shadow apart.
        List<Map<String, Object>> reports = new ArrayList<>();
        List<String> ids = new ArrayList<>(returned.keySet());
        for (int i = 0; i < ids.size(); i++) {
            reports.add(Map.of("impressionId", ids.get(i), "clicked", i % 3 == 0));
        }
        awaitLogged(name, "shadow_of IS NULL AND arm = 'default'", 20);
        assertThat(ok(postJson("/api/v1/feedback", body(reports))).get("recorded").asInt()).isEqualTo(20);
        JsonNode windows = ok(get("/api/v1/models/" + name + "/online-metrics?window=DAY")).get("windows");
        JsonNode servedWindow = null;
        JsonNode shadowWindow = null;
        for (JsonNode window : windows) {
            if (window.get("shadow").asBoolean()) {
                shadowWindow = window;
            } else if ("default".equals(window.get("arm").asString())) {
                servedWindow = window;
            }
        }
        assertThat(servedWindow.get("version").asInt()).isEqualTo(1);
        assertThat(servedWindow.get("impressions").asLong()).isEqualTo(20);
        assertThat(shadowWindow.get("version").asInt()).isEqualTo(2);
        assertThat(shadowWindow.get("labelled").asLong()).isEqualTo(20);
        assertThat(shadowWindow.get("clicks").asLong()).isEqualTo(servedWindow.get("clicks").asLong());

        // A ranking's returned candidates are shadowed as well.
        Map<String, Object> context = new HashMap<>(TrainedModels.user(new SplittableRandom(4)));
        ok(postJson(path(name, "/rank"), body(Map.of("context", context, "topK", 2, "candidates",
                List.of(Map.of("item_id", "i1", "cate_id", "c1"), Map.of("item_id", "i2", "cate_id", "c2"),
                        Map.of("item_id", "i3", "cate_id", "c3"))))));
        awaitShadows(name, 22);
    }

    @Test
    void theComparisonEqualsTheFiguresComputedByHand() {
        String name = twoVersions("compare");
        Instant at = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
        partitions.ensure(at.atZone(ZoneOffset.UTC).toLocalDate());
        // Version 1: 400 impressions, users u0 … u36 (so that a user has clicks and non-clicks), every 10th clicked;
        // version 2: 400, every 4th clicked.
        // Scores rank clicks above non-clicks except for a known share, so that AUC is known.
        List<Impression> served = new ArrayList<>();
        List<ClickFeedback> clicks = new ArrayList<>();
        for (int version = 1; version <= 2; version++) {
            int every = version == 1 ? 10 : 4;
            for (int i = 0; i < 400; i++) {
                Instant when = at.plusMillis(i * 10L + version); // the two versions interleaved in time
                boolean clicked = i % every == 0;
                float score = (clicked ? 0.6f : 0.4f) + (i % 7) * 0.001f;
                if (i % 40 == 20) {
                    score = 0.9f; // a non-click scored above every click
                }
                UUID id = idAt(when);
                served.add(new Impression(id, when, name, version, "production", score, "u" + (i % 37),
                        JSON.createObjectNode(), List.of(), 100));
                if (i % 5 != 4) { // one in five without feedback: counts as not clicked for the CTR
                    clicks.add(new ClickFeedback(id, clicked, when));
                } else {
                    clicked = false;
                }
            }
        }
        impressionLog.insert(served);
        impressionLog.recordFeedback(clicks);
        String query = "/api/v1/models/" + name + "/online-comparison?a=1&b=production@v2&from=" + at
                + "&to=" + at.plus(2, ChronoUnit.HOURS);

        JsonNode comparison = ok(get(query));

        Hand hand1 = Hand.of(served, clicks, 1);
        Hand hand2 = Hand.of(served, clicks, 2);
        JsonNode a = comparison.get("a");
        JsonNode b = comparison.get("b");
        assertThat(a.get("arm").asString()).isEqualTo("v1");
        assertThat(b.get("arm").asString()).isEqualTo("production@v2");
        for (Object[] pair : new Object[][] {{a, hand1}, {b, hand2}}) {
            JsonNode arm = (JsonNode) pair[0];
            Hand hand = (Hand) pair[1];
            assertThat(arm.get("impressions").asLong()).isEqualTo(400);
            assertThat(arm.get("labelled").asLong()).isEqualTo(hand.labelled);
            assertThat(arm.get("clicks").asLong()).isEqualTo(hand.clicks);
            assertThat(arm.get("users").asLong()).as("users with feedback").isEqualTo(
                    new java.util.HashSet<>(hand.users()).size());
            assertThat(arm.get("ctr").asDouble()).isCloseTo(hand.clicks / 400.0, within(1e-12));
            double[] wilson = wilson(hand.clicks, 400);
            assertThat(arm.get("ctrInterval").get("low").asDouble()).isCloseTo(wilson[0], within(1e-9));
            assertThat(arm.get("ctrInterval").get("high").asDouble()).isCloseTo(wilson[1], within(1e-9));
            assertThat(arm.get("auc").asDouble()).isCloseTo(hand.auc(), within(1e-9));
            assertThat(arm.get("gauc").asDouble()).isCloseTo(hand.gauc(), within(1e-9));
            assertThat(arm.get("aucInterval").get("low").asDouble()).isLessThanOrEqualTo(hand.auc());
            assertThat(arm.get("aucInterval").get("high").asDouble()).isGreaterThanOrEqualTo(hand.auc());
        }
        double p1 = hand1.clicks / 400.0;
        double p2 = hand2.clicks / 400.0;
        double pooled = (hand1.clicks + hand2.clicks) / 800.0;
        double z = (p2 - p1) / Math.sqrt(pooled * (1 - pooled) * (2 / 400.0));
        JsonNode difference = comparison.get("ctrDifference");
        assertThat(difference.get("difference").asDouble()).isCloseTo(p2 - p1, within(1e-12));
        assertThat(difference.get("z").asDouble()).isCloseTo(z, within(1e-9));
        assertThat(difference.get("pValue").asDouble()).isLessThan(0.05);
        assertThat(comparison.get("verdict").get("outcome").asString()).isEqualTo("BETTER");
        assertThat(comparison.get("verdict").get("text").asString()).startsWith("production@v2 better than v1");
        assertThat(ok(get(query))).as("the bootstrap is seeded").isEqualTo(comparison);

        // The same arms over the first 40 impressions of each: not significant yet, and how many more to be so.
        String small = "/api/v1/models/" + name + "/online-comparison?a=1&b=2&from=" + at + "&to="
                + at.plusMillis(400);
        JsonNode undecided = ok(get(small)).get("verdict");
        long c1 = clicksAmongFirst(clicks, served, 1, 40);
        long c2 = clicksAmongFirst(clicks, served, 2, 40);
        double q1 = c1 / 40.0;
        double q2 = c2 / 40.0;
        double mean = (q1 + q2) / 2;
        double root = 1.959963984540054 * Math.sqrt(mean * (1 - mean) * 4)
                + 0.8416212335729143 * Math.sqrt(q1 * (1 - q1) * 2 + q2 * (1 - q2) * 2);
        long needed = (long) Math.ceil(root * root / ((q2 - q1) * (q2 - q1)));
        assertThat(undecided.get("outcome").asString()).isEqualTo("NO_DIFFERENCE_YET");
        assertThat(undecided.get("moreImpressionsNeeded").asLong()).isEqualTo(needed - 80);
        assertThat(undecided.get("text").asString()).startsWith("no difference yet: about ")
                .endsWith(" more impressions needed");

        assertProblem(get("/api/v1/models/" + name + "/online-comparison?a=1"), 400);
        assertProblem(get("/api/v1/models/" + name + "/online-comparison?a=1&b=1"), 400);
        assertProblem(get("/api/v1/models/" + name + "/online-comparison?a=one&b=2"), 400);
        assertProblem(get("/api/v1/models/no-such-model/online-comparison?a=1&b=2"), 404);
    }

    @Test
    void badAliasBodiesAreProblemsAndChangeNothing() {
        String name = twoVersions("bad");
        String alias = aliasPath(name, "production");
        ok(putJson(alias, "{\"versions\": [{\"version\": 1, \"weight\": 90}, {\"version\": 2, \"weight\": 10}]}"));
        JsonNode before = ok(get(alias));
        long armsBefore = count("model_alias_arms");

        Map<String, Integer> bodies = new LinkedHashMap<>();
        bodies.put("{\"versions\": [{\"version\": 1, \"weight\": 0}, {\"version\": 2, \"weight\": 10}]}", 400);
        bodies.put("{\"versions\": [{\"version\": 1, \"weight\": -5}]}", 400);
        bodies.put("{\"versions\": [{\"version\": 1}]}", 400);
        bodies.put("{\"versions\": [{\"weight\": 1}]}", 400);
        bodies.put("{\"versions\": []}", 400);
        bodies.put("{\"versions\": [null]}", 400);
        bodies.put("{\"versions\": [{\"version\": 1, \"weight\": 5}, {\"version\": 1, \"weight\": 5}]}", 400);
        bodies.put("{\"versions\": [{\"version\": 1, \"weight\": 50}, {\"version\": 7, \"weight\": 50}]}", 404);
        bodies.put("{\"version\": 1, \"versions\": [{\"version\": 2, \"weight\": 1}]}", 400);
        bodies.put("{\"version\": 1, \"shadow\": 1}", 400);
        bodies.put("{\"versions\": [{\"version\": 1, \"weight\": 1}, {\"version\": 2, \"weight\": 1}], "
                + "\"shadow\": 2}", 400);
        bodies.put("{\"version\": 1, \"shadow\": 9}", 404);
        bodies.put("{\"shadow\": 2}", 400);
        bodies.put("{\"versions\": \"1:90,2:10\"}", 400);
        for (Map.Entry<String, Integer> bad : bodies.entrySet()) {
            JsonNode problem = assertProblem(putJson(alias, bad.getKey()), bad.getValue());
            assertThat(problem.get("detail").asString()).as("the problem of %s", bad.getKey()).isNotBlank();
        }

        assertThat(ok(get(alias))).isEqualTo(before);
        assertThat(count("model_alias_arms")).isEqualTo(armsBefore);
        // The single-version body still takes all the traffic, and the split is gone.
        JsonNode moved = ok(putJson(alias, "{\"version\": 2}"));
        assertThat(moved.get("version").asInt()).isEqualTo(2);
        assertThat(moved.get("traffic").get("arms")).hasSize(1);
        assertThat(moved.get("traffic").has("shadow")).isFalse();
        assertThat(ok(get("/api/v1/models/" + name)).has("traffic")).isFalse();
    }

    /** The version that scored each user's instance, over requests of a thousand instances. */
    private Map<String, Integer> versionsByUser(String name, List<Map<String, Object>> instances) {
        Map<String, Integer> versions = new HashMap<>();
        for (int from = 0; from < instances.size(); from += PER_REQUEST) {
            List<Map<String, Object>> part = instances.subList(from, Math.min(instances.size(), from + PER_REQUEST));
            JsonNode answer = ok(postJson(path(name, "/predict"), body(Map.of("instances", part))));
            for (int i = 0; i < part.size(); i++) {
                versions.put((String) part.get(i).get("user_id"),
                        answer.get("predictions").get(i).get("version").asInt());
            }
        }
        return versions;
    }

    /** One instance per user, user-0 … user-(n − 1). */
    private static List<Map<String, Object>> usersInstances(int n) {
        List<Map<String, Object>> instances = TrainedModels.instances(17, n);
        for (int i = 0; i < n; i++) {
            Map<String, Object> instance = new HashMap<>(instances.get(i));
            instance.put("user_id", "user-" + i);
            instances.set(i, instance);
        }
        return instances;
    }

    private void awaitShadows(String name, long expected) {
        // The shadow scores after the answer, off the request's thread.
        awaitLogged(name, "shadow_of IS NOT NULL", expected);
    }

    /**
     * Waits for the model's impressions that match the condition to be written (the writer's own thread may hold a
     * batch that {@code flush} does not see): a wait for rows, not a timing assertion.
     */
    private void awaitLogged(String name, String condition, long expected) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        long found = 0;
        while (System.nanoTime() < deadline) {
            writer.flush();
            found = jdbc.sql("SELECT count(*) FROM impressions WHERE model_name = ? AND " + condition)
                    .param(name).query(Long.class).single();
            if (found >= expected) {
                break;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertThat(found).as("impressions logged where %s", condition).isEqualTo(expected);
    }

    private static long clicksAmongFirst(List<ClickFeedback> clicks, List<Impression> served, int version, int n) {
        List<UUID> first = served.stream().filter(i -> i.version() == version).limit(n).map(Impression::id).toList();
        return clicks.stream().filter(c -> c.clicked() && first.contains(c.impressionId())).count();
    }

    /** The Wilson score interval at 95 %, from its formula. */
    private static double[] wilson(long clicks, long n) {
        double z = 1.959963984540054;
        double p = (double) clicks / n;
        double denominator = 1 + z * z / n;
        double centre = (p + z * z / (2.0 * n)) / denominator;
        double half = z / denominator * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n));
        return new double[] {centre - half, centre + half};
    }

    /** One version's labelled impressions, with AUC and GAUC counted pair by pair. */
    private record Hand(List<Float> scores, List<Boolean> labels, List<String> users, long labelled, long clicks) {

        static Hand of(List<Impression> served, List<ClickFeedback> feedback, int version) {
            Map<UUID, Boolean> outcome = new HashMap<>();
            feedback.forEach(f -> outcome.put(f.impressionId(), f.clicked()));
            List<Float> scores = new ArrayList<>();
            List<Boolean> labels = new ArrayList<>();
            List<String> users = new ArrayList<>();
            long clicks = 0;
            for (Impression impression : served) {
                Boolean clicked = outcome.get(impression.id());
                if (impression.version() == version && clicked != null) {
                    scores.add(impression.score());
                    labels.add(clicked);
                    users.add(impression.groupId());
                    clicks += clicked ? 1 : 0;
                }
            }
            return new Hand(scores, labels, users, scores.size(), clicks);
        }

        double auc() {
            return pairs(null);
        }

        double gauc() {
            double weighted = 0;
            long weight = 0;
            for (String user : new java.util.LinkedHashSet<>(users)) {
                double auc = pairs(user);
                if (!Double.isNaN(auc)) {
                    long rows = users.stream().filter(user::equals).count();
                    weighted += auc * rows;
                    weight += rows;
                }
            }
            return weighted / weight;
        }

        private double pairs(String user) {
            double concordant = 0;
            long pairs = 0;
            for (int p = 0; p < scores.size(); p++) {
                for (int n = 0; n < scores.size(); n++) {
                    boolean mine = user == null || (user.equals(users.get(p)) && user.equals(users.get(n)));
                    if (mine && labels.get(p) && !labels.get(n)) {
                        pairs++;
                        concordant += scores.get(p) > scores.get(n) ? 1 : scores.get(p).equals(scores.get(n)) ? 0.5
                                : 0;
                    }
                }
            }
            return pairs == 0 ? Double.NaN : concordant / pairs;
        }
    }

    private String twoVersions(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        TrainedModels.register(artifacts, models, name, ModelType.DIN, 11);
        TrainedModels.register(artifacts, models, name, ModelType.DIN, 12);
        return name;
    }

    private static String aliasPath(String name, String alias) {
        return "/api/v1/models/" + name + "/aliases/" + alias;
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

    private static UUID idAt(Instant at) {
        return Generators.timeBasedEpochRandomGenerator(null, new UUIDClock() {
            @Override
            public long currentTimeMillis() {
                return at.toEpochMilli();
            }
        }).generate();
    }
}
