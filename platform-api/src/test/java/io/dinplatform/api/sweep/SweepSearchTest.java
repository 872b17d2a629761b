package io.dinplatform.api.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;

import io.dinplatform.api.error.FieldError;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The search algorithms, the spaces they draw from and the median stopping rule. */
class SweepSearchTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final ParameterSpace RATE = new ParameterSpace(ParameterKind.LOG_UNIFORM, null, 1e-4, 1e-1);
    private static final ParameterSpace BATCH = new ParameterSpace(ParameterKind.CHOICE,
            List.of(NODES.numberNode(64), NODES.numberNode(256)), null, null);
    private static final ParameterSpace DIM = new ParameterSpace(ParameterKind.INT_RANGE, null, 4.0, 6.0);

    @Test
    void randomSearchStaysInItsRangesAndRepeatsItselfForASeed() {
        RandomSearch search = new RandomSearch(Map.of("training.optimizer.learningRate", RATE,
                "training.batchSize", BATCH, "architecture.embeddingDim", DIM), 7);

        for (int trial = 1; trial <= 50; trial++) {
            Map<String, JsonNode> values = search.suggest(trial, List.of()).orElseThrow();
            assertThat(values.get("training.optimizer.learningRate").asDouble()).isBetween(1e-4, 1e-1);
            assertThat(values.get("training.batchSize").asInt()).isIn(64, 256);
            assertThat(values.get("architecture.embeddingDim").isIntegralNumber()).isTrue();
            assertThat(values.get("architecture.embeddingDim").asInt()).isBetween(4, 6);
            assertThat(search.suggest(trial, List.of())).contains(values);
        }
        assertThat(new RandomSearch(Map.of("training.batchSize", RATE), 8).suggest(1, List.of()))
                .isNotEqualTo(new RandomSearch(Map.of("training.batchSize", RATE), 7).suggest(1, List.of()));
    }

    @Test
    void aLogUniformRangeSpreadsOverOrdersOfMagnitude() {
        Random random = new Random(1);
        long belowOneThousandth = IntStream.range(0, 3000)
                .filter(i -> RATE.sample(random).asDouble() < 1e-3).count();
        // One decade of three: about a third, where a uniform draw would put 0.9 % there.
        assertThat(belowOneThousandth).isBetween(800L, 1200L);
    }

    @Test
    void gridSearchListsEveryCombinationOnceThenEnds() {
        GridSearch grid = new GridSearch(Map.of("training.batchSize", BATCH, "architecture.embeddingDim", DIM));

        List<Map<String, JsonNode>> all = new ArrayList<>();
        for (int trial = 1; trial <= 7; trial++) {
            grid.suggest(trial, List.of()).ifPresent(all::add);
        }

        assertThat(grid.size()).isEqualTo(6);
        assertThat(all).hasSize(6).doesNotHaveDuplicates();
        assertThat(all.get(0)).containsEntry("architecture.embeddingDim", NODES.numberNode(4L))
                .containsEntry("training.batchSize", NODES.numberNode(64));
        assertThat(all.get(1)).containsEntry("architecture.embeddingDim", NODES.numberNode(4L))
                .containsEntry("training.batchSize", NODES.numberNode(256));
        assertThat(grid.suggest(7, List.of())).isEmpty();
    }

    @Test
    void treeParzenSearchMovesTowardsTheBestRegion() {
        // The objective peaks at x = 0.8; after 30 random observations TPE's suggestions sit near it.
        ParameterSpace x = new ParameterSpace(ParameterKind.UNIFORM, null, 0.0, 1.0);
        Map<String, ParameterSpace> space = Map.of("training.x", x);
        TreeParzenSearch tpe = new TreeParzenSearch(space, 3, SweepObjective.VALID_GAUC);
        List<Observation> observed = new ArrayList<>();
        RandomSearch random = new RandomSearch(space, 3);
        for (int trial = 1; trial <= 30; trial++) {
            double value = random.suggest(trial, List.of()).orElseThrow().get("training.x").asDouble();
            observed.add(new Observation(Map.of("training.x", NODES.numberNode(value)), -Math.abs(value - 0.8)));
        }

        double tpeDistance = 0;
        double randomDistance = 0;
        for (int trial = 31; trial <= 60; trial++) {
            tpeDistance += Math.abs(tpe.suggest(trial, observed).orElseThrow().get("training.x").asDouble() - 0.8);
            randomDistance += Math.abs(random.suggest(trial, observed).orElseThrow().get("training.x").asDouble()
                    - 0.8);
        }
        assertThat(tpeDistance).isLessThan(randomDistance / 2);
    }

    @Test
    void treeParzenSearchIsRandomUntilItHasObservations() {
        Map<String, ParameterSpace> space = Map.of("training.batchSize", BATCH);
        Optional<Map<String, JsonNode>> first = new TreeParzenSearch(space, 5, SweepObjective.VALID_AUC)
                .suggest(1, List.of());

        assertThat(first).isEqualTo(new RandomSearch(space, 5).suggest(1, List.of()));
    }

    @Test
    void spacesNameWhatIsWrongWithThem() {
        assertThat(new ParameterSpace(ParameterKind.CHOICE, List.of(), null, null).problems("space.a"))
                .extracting(FieldError::field).containsExactly("space.a.values");
        assertThat(new ParameterSpace(ParameterKind.UNIFORM, null, 2.0, 1.0).problems("space.a"))
                .extracting(FieldError::field).containsExactly("space.a.low");
        assertThat(new ParameterSpace(ParameterKind.LOG_UNIFORM, null, 0.0, 1.0).problems("space.a"))
                .extracting(FieldError::reason).singleElement().asString().contains("above 0");
        assertThat(new ParameterSpace(ParameterKind.INT_RANGE, null, 1.5, 3.0).problems("space.a")).hasSize(1);
        assertThat(new ParameterSpace(null, null, 1.0, 3.0).problems("space.a"))
                .extracting(FieldError::field).containsExactly("space.a.type");
        assertThat(RATE.problems("space.a")).isEmpty();
    }

    @Test
    void theMedianRuleStopsATrialBelowTheOthersMedianBeforeItsLastEpoch() {
        List<Map<Integer, Double>> others = List.of(Map.of(1, 0.70, 2, 0.72), Map.of(1, 0.68), Map.of(1, 0.66));

        assertThat(MedianStopping.shouldStop(Map.of(1, 0.60), others, 3, SweepObjective.VALID_GAUC)).isTrue();
        assertThat(MedianStopping.shouldStop(Map.of(1, 0.69), others, 3, SweepObjective.VALID_GAUC)).isFalse();
        assertThat(MedianStopping.shouldStop(Map.of(1, 0.60), others, 1, SweepObjective.VALID_GAUC))
                .as("at its last epoch").isFalse();
        assertThat(MedianStopping.shouldStop(Map.of(1, 0.60), others.subList(0, 2), 3, SweepObjective.VALID_GAUC))
                .as("with two others only").isFalse();
        assertThat(MedianStopping.shouldStop(Map.of(1, 0.60), others, 3, SweepObjective.VALID_LOGLOSS))
                .as("a log loss lower than the others' is better").isFalse();
    }
}
