package io.dinplatform.core.serving;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import io.dinplatform.core.bundle.BundleReader;
import io.dinplatform.core.bundle.ModelBundle;
import io.dinplatform.core.bundle.SmallModel;
import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.encode.InvalidInstanceException;
import io.dinplatform.core.model.ModelType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ScorerTest {

    @TempDir
    Path dir;

    private ModelBundle bundle;

    @AfterEach
    void close() {
        if (bundle != null) {
            bundle.close();
        }
    }

    private Scorer scorer(ModelType type, int maxBatchSize) throws IOException {
        Path file = dir.resolve(type + ".zip");
        try (SmallModel model = new SmallModel(type)) {
            model.writeBundle(file);
        }
        bundle = BundleReader.read(file, null, Device.cpu());
        return new Scorer(bundle, maxBatchSize);
    }

    @Test
    void scoresAreProbabilitiesAndSplittingIntoBatchesChangesNothing() throws IOException {
        Scorer scorer = scorer(ModelType.DIN, 64);
        var instances = SmallModel.instances(3, 200);
        float[] inBatchesOf64 = scorer.predict(instances);
        assertThat(inBatchesOf64).hasSize(200);
        for (float p : inBatchesOf64) {
            assertThat(p).isBetween(0f, 1f);
        }
        float[] oneByOne = new float[200];
        for (int i = 0; i < 200; i++) {
            oneByOne[i] = scorer.predict(List.of(instances.get(i)))[0];
        }
        assertThat(oneByOne).containsExactly(inBatchesOf64, within(1e-6f));
    }

    @ParameterizedTest
    @EnumSource(ModelType.class)
    void rankingOneUserEqualsPredictingEveryPair(ModelType type) throws IOException {
        Scorer scorer = scorer(type, 16);
        Map<String, Object> context = new HashMap<>(SmallModel.instances(5, 1).get(0));
        context.remove("item_id");
        context.remove("cate_id");
        List<Map<String, Object>> candidates = new ArrayList<>();
        List<Map<String, Object>> pairs = new ArrayList<>();
        for (int c = 0; c < 40; c++) {
            Map<String, Object> candidate = Map.of("item_id", "i" + c, "cate_id", "c" + (c % 9));
            candidates.add(candidate);
            Map<String, Object> pair = new HashMap<>(context);
            pair.putAll(candidate);
            pairs.add(pair);
        }
        float[] ranked = scorer.rank(context, candidates);
        assertThat(ranked).containsExactly(scorer.predict(pairs), within(1e-6f));
    }

    /**
     * Candidates spread over several threads, each chunk in several forward passes, score as predict scores the
     * pairs, and explain gives each candidate the attention weights predict gives its pair.
     */
    @Test
    void aRankingSpreadOverThreadsScoresAndExplainsAsPredictOnThePairs() throws Exception {
        Scorer scorer = scorer(ModelType.DIN, 16);
        Map<String, Object> context = new HashMap<>(SmallModel.instances(7, 1).get(0));
        context.remove("item_id");
        context.remove("cate_id");
        List<Map<String, Object>> candidates = new ArrayList<>();
        List<Map<String, Object>> pairs = new ArrayList<>();
        for (int c = 0; c < 203; c++) {
            Map<String, Object> candidate = Map.of("item_id", "i" + (c % 50), "cate_id", "c" + (c % 9));
            candidates.add(candidate);
            Map<String, Object> pair = new HashMap<>(context);
            pair.putAll(candidate);
            pairs.add(pair);
        }
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            Ranking ranking = scorer.rankCandidates(context, candidates, true, threads, 4);
            ScoringResult predicted = scorer.predict(pairs, true);

            assertThat(ranking.scores()).containsExactly(predicted.scores(), within(1e-6f));
            assertThat(ranking.attention()).hasSize(candidates.size());
            for (int c = 0; c < candidates.size(); c++) {
                assertThat(ranking.attention().get(c)).as("candidate %d", c)
                        .containsExactly(predicted.attention().get(c), within(1e-6f));
            }
            assertThat(scorer.rankCandidates(context, candidates, false, threads, 4).attention()).isNull();
        } finally {
            threads.shutdown();
        }
    }

    @Test
    void aCandidateThatOverridesTheUsersProfileIsRankedWithItsOwn() throws IOException {
        Scorer scorer = scorer(ModelType.DIN, 16);
        Map<String, Object> context = Map.of("user_id", "u3", "age", 3.5, "hist_item_id", List.of("i1", "i2"),
                "hist_cate_id", List.of("c1", "c2"));
        List<Map<String, Object>> candidates = List.of(Map.of("item_id", "i1", "cate_id", "c1"),
                Map.of("item_id", "i4", "cate_id", "c2", "user_id", "u5", "age", 1.0));
        List<Map<String, Object>> pairs = new ArrayList<>();
        for (Map<String, Object> candidate : candidates) {
            Map<String, Object> pair = new HashMap<>(context);
            pair.putAll(candidate);
            pairs.add(pair);
        }
        assertThat(scorer.rank(context, candidates)).containsExactly(scorer.predict(pairs), within(1e-6f));
    }

    @Test
    void aUserWithoutHistoryIsRankedLikeThePairs() throws IOException {
        Scorer scorer = scorer(ModelType.DIN, 16);
        Map<String, Object> context = Map.of("user_id", "u3", "age", 3.5, "hist_item_id", List.of(),
                "hist_cate_id", List.of());
        List<Map<String, Object>> candidates = List.of(Map.of("item_id", "i1", "cate_id", "c1"),
                Map.of("item_id", "nobody-knows-me", "cate_id", "c2"));
        List<Map<String, Object>> pairs = new ArrayList<>();
        for (Map<String, Object> candidate : candidates) {
            Map<String, Object> pair = new HashMap<>(context);
            pair.putAll(candidate);
            pairs.add(pair);
        }
        assertThat(scorer.rank(context, candidates)).containsExactly(scorer.predict(pairs), within(1e-6f));
    }

    @Test
    void unknownFeaturesNameExactlyTheFeaturesWhoseIdTheVocabularyDoesNotKnow() throws IOException {
        Scorer scorer = scorer(ModelType.DIN, 8);
        List<Map<String, Object>> instances = List.of(
                Map.of("user_id", "u3", "item_id", "i1", "cate_id", "c1", "hist_item_id", List.of("i2", "i4"),
                        "hist_cate_id", List.of("c2", "c4"), "age", 3.0),
                Map.of("user_id", "new user", "item_id", "i1", "cate_id", "c1", "hist_item_id",
                        List.of("i2", "new item"), "hist_cate_id", List.of("c2", "c4"), "age", 3.0),
                Map.of("user_id", "u3", "item_id", "new item", "cate_id", "new category", "hist_item_id", List.of(),
                        "hist_cate_id", List.of(), "age", 3.0));

        assertThat(UnknownFeatures.ofEveryRow(scorer.encode(instances))).containsExactly(
                List.of(), List.of("user_id", "hist_item_id"), List.of("item_id", "cate_id"));
    }

    @Test
    void aRankingNamesEachCandidatesUnknownFeaturesWithTheContextsAndScoresAsRank() throws IOException {
        Scorer scorer = scorer(ModelType.DIN, 8);
        Map<String, Object> context = Map.of("user_id", "new user", "age", 3.5,
                "hist_item_id", List.of("i1", "new item"), "hist_cate_id", List.of("c1", "c2"));
        List<Map<String, Object>> candidates = List.of(Map.of("item_id", "i1", "cate_id", "c1"),
                Map.of("item_id", "i2", "cate_id", "new category"));

        Ranking ranking = scorer.rankCandidates(context, candidates);

        assertThat(ranking.unknownFeatures()).containsExactly(List.of("user_id", "hist_item_id"),
                List.of("user_id", "cate_id", "hist_item_id"));
        assertThat(ranking.scores()).containsExactly(scorer.rank(context, candidates));
        List<Map<String, Object>> pairs = candidates.stream().map(c -> {
            Map<String, Object> pair = new HashMap<>(context);
            pair.putAll(c);
            return pair;
        }).toList();
        assertThat(ranking.unknownFeatures()).as("what predict names for the pairs")
                .isEqualTo(UnknownFeatures.ofEveryRow(scorer.encode(pairs)));
    }

    @Test
    void warmingUpScoresMadeUpInstancesWithoutComplaint() throws IOException {
        Scorer scorer = scorer(ModelType.DIN, 16);
        scorer.warmUp();
        assertThat(scorer.predict(SmallModel.instances(2, 3))).hasSize(3);
    }

    @Test
    void encodedRequestsJoinedIntoOneBatchScoreAsEachAlone() throws IOException {
        Scorer scorer = scorer(ModelType.DIN, 8);
        var first = SmallModel.instances(1, 3);
        var second = SmallModel.instances(2, 7);
        ScoringResult joined = scorer.score(
                EncodedDataset.concatenate(List.of(scorer.encode(first), scorer.encode(second))), true);

        ScoringResult alone = scorer.predict(second, true);
        assertThat(joined.scores()).hasSize(10);
        assertThat(Arrays.copyOfRange(joined.scores(), 0, 3)).containsExactly(scorer.predict(first), within(1e-6f));
        assertThat(Arrays.copyOfRange(joined.scores(), 3, 10)).containsExactly(alone.scores(), within(1e-6f));
        for (int i = 0; i < 7; i++) {
            assertThat(joined.attention().get(3 + i)).as("instance %d", i)
                    .containsExactly(alone.attention().get(i), within(1e-6f));
        }
    }

    @Test
    void explainGivesOneWeightPerHistoryItemTheModelSaw() throws IOException {
        Scorer scorer = scorer(ModelType.DIN, 8);
        var instances = SmallModel.instances(7, 30);
        ScoringResult result = scorer.predict(instances, true);
        assertThat(result.attention()).hasSize(30);
        for (int i = 0; i < 30; i++) {
            int length = ((List<?>) instances.get(i).get("hist_item_id")).size();
            assertThat(result.attention().get(i)).as("instance %d", i).hasSize(Math.min(length, 6));
        }
        assertThat(result.scores()).containsExactly(scorer.predict(instances), within(0f));
    }

    @Test
    void theBaseModelHasNoAttentionToExplain() throws IOException {
        Scorer scorer = scorer(ModelType.BASE, 8);
        assertThat(scorer.predict(SmallModel.instances(7, 3), true).attention()).isNull();
    }

    @Test
    void aMissingFeatureIsNamed() throws IOException {
        Scorer scorer = scorer(ModelType.DIN, 8);
        var instances = SmallModel.instances(9, 3);
        instances.get(2).remove("age");
        assertThatThrownBy(() -> scorer.predict(instances)).isInstanceOf(InvalidInstanceException.class)
                .hasMessageStartingWith("instances[2].age: missing");
    }

    @Test
    void concurrentCallersGetTheirOwnScores() throws Exception {
        Scorer scorer = scorer(ModelType.DIN, 32);
        int threads = 8;
        List<List<Map<String, Object>>> requests = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        for (int r = 0; r < 64; r++) {
            var instances = SmallModel.instances(100 + r, 1 + r % 40);
            requests.add(instances);
            expected.add(scorer.predict(instances));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<float[]>> answers = new ArrayList<>();
            for (var request : requests) {
                answers.add(pool.submit(() -> scorer.predict(request)));
            }
            for (int r = 0; r < requests.size(); r++) {
                assertThat(answers.get(r).get()).as("request %d", r).containsExactly(expected.get(r));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Rankings of different users (their numeric features differ) and predictions at once, on a scorer without a
     * limit and on one that runs a single forward pass at a time: every answer is the one it gets alone. (The user's
     * numeric features are read by every pass of its ranking, from its batch buffers.)
     */
    @Test
    void concurrentRankingsOfDifferentUsersAndPredictionsGetTheirOwnScores() throws Exception {
        Scorer unlimited = scorer(ModelType.DIN, 16);
        Scorer limited = new Scorer(bundle, 16, 1);
        List<Map<String, Object>> users = new ArrayList<>();
        for (int u = 0; u < 3; u++) {
            Map<String, Object> context = new HashMap<>(SmallModel.instances(20 + u, 1).get(0));
            context.remove("item_id");
            context.remove("cate_id");
            context.put("age", 20 + 15 * u);
            users.add(context);
        }
        List<Map<String, Object>> candidates = new ArrayList<>();
        for (int c = 0; c < 90; c++) {
            candidates.add(Map.of("item_id", "i" + (c % 50), "cate_id", "c" + (c % 9)));
        }
        var instances = SmallModel.instances(12, 70);
        List<float[]> alone = users.stream().map(user -> unlimited.rank(user, candidates)).toList();
        float[] predicted = unlimited.predict(instances);
        ExecutorService callers = Executors.newFixedThreadPool(6);
        ExecutorService helpers = Executors.newFixedThreadPool(2);
        try {
            for (Scorer scorer : List.of(unlimited, limited)) {
                List<Future<float[]>> rankings = new ArrayList<>();
                List<Future<float[]>> predictions = new ArrayList<>();
                for (int r = 0; r < 12; r++) {
                    Map<String, Object> user = users.get(r % users.size());
                    rankings.add(callers.submit(() -> scorer.rankCandidates(user, candidates, false, helpers, 3)
                            .scores()));
                    predictions.add(callers.submit(() -> scorer.predict(instances)));
                }
                for (int r = 0; r < 12; r++) {
                    assertThat(rankings.get(r).get()).as("ranking %d", r)
                            .containsExactly(alone.get(r % users.size()), within(1e-6f));
                    assertThat(predictions.get(r).get()).as("prediction %d", r).containsExactly(predicted);
                }
            }
        } finally {
            callers.shutdownNow();
            helpers.shutdownNow();
        }
    }

    @Test
    void aScoringThreadLeavesItsGradientModeAsItFoundIt() throws Exception {
        Scorer scorer = scorer(ModelType.DIN, 8);
        boolean[] after = new boolean[1];
        Thread thread = new Thread(() -> {
            JniUtils.setGradMode(true); // the default of a thread the engine did not start
            scorer.predict(SmallModel.instances(1, 5));
            after[0] = JniUtils.isGradMode();
        });
        thread.start();
        thread.join();
        assertThat(after[0]).isTrue();
    }
}
