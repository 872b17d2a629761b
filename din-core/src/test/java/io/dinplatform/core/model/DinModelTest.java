package io.dinplatform.core.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.dinplatform.core.model.TestBatches.Sample;
import io.dinplatform.core.nn.ActivationType;
import io.dinplatform.core.nn.GradientCheck;
import io.dinplatform.core.nn.ParameterStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DinModelTest {

    private static final ModelDimensions DIMS = new ModelDimensions(3, 4, 1);

    private NDManager manager;
    private ParameterStore store;
    private final SplittableRandom random = new SplittableRandom(2018);

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager(Device.cpu());
        store = new ParameterStore(manager, DataType.FLOAT64, 11);
    }

    @AfterEach
    void close() {
        store.close();
        manager.close();
    }

    private DinModel din(AttentionNormalization normalization, AttentionInput input, ActivationType activation) {
        ArchitectureConfig config = new ArchitectureConfig(ModelType.DIN, null,
                new AttentionConfig(List.of(6, 3), activation, normalization, input),
                new MlpConfig(List.of(8, 4), ActivationType.DICE), null, null);
        return (DinModel) CtrModel.create(config, DIMS, store);
    }

    private DinModel din() {
        return din(AttentionNormalization.NONE, AttentionInput.OFFICIAL, ActivationType.DICE);
    }

    private Sample sample(int historyLength) {
        return TestBatches.sample(random, DIMS, historyLength);
    }

    /** A training step's forward pass, so that Dice's running averages are not at their initial values. */
    private void warmUp(CtrModel model) {
        Sample[] samples = new Sample[16];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = sample(i % 6);
        }
        for (int step = 0; step < 3; step++) {
            try (NDManager batch = manager.newSubManager()) {
                model.forward(TestBatches.batch(batch, DIMS, 6, samples), true);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(AttentionInput.class)
    void theSplitFirstLayerEqualsTheConcatenatedInput(AttentionInput input) {
        DinModel model = din(AttentionNormalization.NONE, input, ActivationType.DICE);
        warmUp(model);
        EmbeddedBatch batch = TestBatches.batch(manager, DIMS, 5, sample(5), sample(2), sample(0));
        LocalActivationUnit unit = model.activationUnit();
        for (boolean training : new boolean[] {false, true}) {
            double[] split = unit.rawWeights(batch.candidate(), batch.history(), batch.mask(), training)
                    .toDoubleArray();
            double[] concatenated = unit.rawWeightsByConcatenation(batch.candidate(), batch.history(), batch.mask(),
                    training).toDoubleArray();
            assertThat(split).containsExactly(concatenated, within(1e-12));
        }
    }

    @ParameterizedTest
    @EnumSource(value = ActivationType.class, names = {"DICE", "PRELU", "SIGMOID"})
    void activationUnitGradientWithRespectToTheCandidateMatchesFiniteDifferences(ActivationType activation) {
        DinModel model = din(AttentionNormalization.NONE, AttentionInput.OFFICIAL, activation);
        store.parameters().forEach((name, p) -> {
            if (name.endsWith(".alpha")) {
                p.set(GradientCheck.values(name.hashCode(), (int) p.size(), 0.5));
            }
        });
        double[] history = GradientCheck.values(31, 3 * 4 * 4, 1.0);
        double[] mask = {1, 1, 1, 0, 1, 1, 0, 0, 1, 1, 1, 1};
        double[] lossWeights = GradientCheck.values(32, 12, 1.0);
        GradientCheck.assertAgree(manager, GradientCheck.values(33, 12, 1.0), new long[] {3, 4}, candidate -> {
            NDManager m = candidate.getManager();
            NDArray raw = model.activationUnit().rawWeights(candidate, m.create(history, new Shape(3, 4, 4)),
                    m.create(mask, new Shape(3, 4)), true);
            return raw.mul(m.create(lossWeights, new Shape(3, 4))).sum();
        }, 1e-6);
    }

    @Test
    void activationUnitGradientWithRespectToItsFirstLayerMatchesFiniteDifferences() {
        DinModel model = din();
        double[] candidate = GradientCheck.values(41, 2 * 4, 1.0);
        double[] history = GradientCheck.values(42, 2 * 3 * 4, 1.0);
        double[] mask = {1, 1, 0, 1, 1, 1};
        double[] lossWeights = GradientCheck.values(43, 6, 1.0);
        GradientCheck.assertParameterGradientAgrees(store, "attention.hidden0.weight", m ->
                model.activationUnit().rawWeights(m.create(candidate, new Shape(2, 4)),
                                m.create(history, new Shape(2, 3, 4)), m.create(mask, new Shape(2, 3)), true)
                        .mul(m.create(lossWeights, new Shape(2, 3))).sum(), 1e-6);
    }

    @Test
    void theWholeModelsGradientMatchesFiniteDifferences() {
        DinModel model = din();
        Sample[] samples = {sample(3), sample(1), sample(0), sample(2)};
        GradientCheck.assertParameterGradientAgrees(store, "attention.output.weight", m ->
                model.forward(TestBatches.batch(m, DIMS, 3, samples), true).sum(), 1e-6);
        GradientCheck.assertParameterGradientAgrees(store, "mlp.hidden1.weight", m ->
                model.forward(TestBatches.batch(m, DIMS, 3, samples), true).sum(), 1e-6);
    }

    @ParameterizedTest
    @EnumSource(AttentionNormalization.class)
    void theSameSamplePaddedToDifferentLengthsScoresTheSame(AttentionNormalization normalization) {
        DinModel model = din(normalization, AttentionInput.OFFICIAL, ActivationType.DICE);
        warmUp(model);
        Sample s = sample(3);
        double[] shortPadding = model.forward(TestBatches.batch(manager, DIMS, 3, s), false).toDoubleArray();
        double[] longPadding = model.forward(TestBatches.batch(manager, DIMS, 9, s), false).toDoubleArray();
        assertThat(longPadding).containsExactly(shortPadding, within(1e-12));
    }

    @Test
    void paddingDoesNotChangeTrainingStepsEither() {
        DinModel model = din();
        Sample[] samples = {sample(3), sample(1), sample(2)};
        double[] shortPadding = model.forward(TestBatches.batch(manager, DIMS, 3, samples), true).toDoubleArray();
        double[] longPadding = model.forward(TestBatches.batch(manager, DIMS, 8, samples), true).toDoubleArray();
        assertThat(longPadding).containsExactly(shortPadding, within(1e-12));
    }

    @ParameterizedTest
    @EnumSource(AttentionNormalization.class)
    void paddedPositionsGetWeightExactlyZero(AttentionNormalization normalization) {
        DinModel model = din(normalization, AttentionInput.OFFICIAL, ActivationType.DICE);
        warmUp(model);
        Scores scores = model.explain(TestBatches.batch(manager, DIMS, 6, sample(2), sample(6), sample(0)));
        double[][] weights = rows(scores.attention(), 6);
        assertThat(Arrays.copyOfRange(weights[0], 2, 6)).containsOnly(0.0);
        assertThat(weights[2]).containsOnly(0.0);
        assertThat(weights[0][0]).isNotZero();
        if (normalization == AttentionNormalization.SOFTMAX) {
            assertThat(Arrays.stream(weights[0]).sum()).isCloseTo(1.0, within(1e-12));
            assertThat(Arrays.stream(weights[1]).sum()).isCloseTo(1.0, within(1e-12));
        }
    }

    @ParameterizedTest
    @EnumSource(AttentionNormalization.class)
    void anEmptyHistoryScoresFinitely(AttentionNormalization normalization) {
        DinModel model = din(normalization, AttentionInput.OFFICIAL, ActivationType.DICE);
        warmUp(model);
        assertFinite(model.forward(TestBatches.batch(manager, DIMS, 4, sample(0), sample(2)), false).toDoubleArray());
        // A batch where no row has any history at all, in training (Dice's statistics over zero positions) and
        // inference, and with a zero-length history axis.
        for (int padded : new int[] {3, 0}) {
            EmbeddedBatch empty = TestBatches.batch(manager, DIMS, padded, sample(0), sample(0));
            assertFinite(model.forward(empty, true).toDoubleArray());
            assertFinite(model.forward(empty, false).toDoubleArray());
        }
    }

    @Test
    void anEmptyHistoryMeansAZeroInterestVector() {
        DinModel model = din();
        warmUp(model);
        Sample withoutHistory = sample(0);
        double[] logit = model.forward(TestBatches.batch(manager, DIMS, 4, withoutHistory), false).toDoubleArray();
        // The same row with one history item whose embedding is exactly zero: its weight may be anything, but
        // w·0 = 0, so the interest is zero either way.
        Sample zeroItem = new Sample(withoutHistory.profile(), withoutHistory.candidate(),
                new double[][] {new double[4]}, withoutHistory.numeric());
        double[] same = model.forward(TestBatches.batch(manager, DIMS, 4, zeroItem), false).toDoubleArray();
        assertThat(same).containsExactly(logit, within(1e-12));
    }

    @Test
    void inferenceScoresDoNotDependOnTheBatch() {
        DinModel model = din();
        warmUp(model);
        Sample s = sample(4);
        double alone = model.forward(TestBatches.batch(manager, DIMS, 4, s), false).getDouble(0);
        double[] inBatch = model.forward(TestBatches.batch(manager, DIMS, 7, sample(7), s, sample(1), sample(0)), false)
                .toDoubleArray();
        assertThat(inBatch[1]).isCloseTo(alone, within(1e-12));
    }

    @ParameterizedTest
    @EnumSource(AttentionNormalization.class)
    void rankingScoresEqualTheOrdinaryForwardPass(AttentionNormalization normalization) {
        DinModel model = din(normalization, AttentionInput.OFFICIAL, ActivationType.DICE);
        warmUp(model);
        Sample user = sample(5);
        Sample[] candidates = {sample(0), sample(0), sample(0), sample(0)};
        double[] ranked = model.rank(TestBatches.ranking(manager, DIMS, user, candidates)).toDoubleArray();
        Sample[] pairs = Arrays.stream(candidates).map(c -> TestBatches.withCandidate(user, c)).toArray(Sample[]::new);
        double[] forward = model.forward(TestBatches.batch(manager, DIMS, 7, pairs), false).toDoubleArray();
        assertThat(ranked).containsExactly(forward, within(1e-12));
    }

    @Test
    void rankingHonoursAHistoryMask() {
        DinModel model = din();
        warmUp(model);
        Sample user = sample(3);
        Sample candidate = sample(0);
        RankingBatch exact = TestBatches.ranking(manager, DIMS, user, candidate);
        NDArray padded = exact.history().concat(manager.ones(new Shape(2, 4), DataType.FLOAT64), 0);
        RankingBatch masked = new RankingBatch(exact.profile(), exact.candidates(), padded,
                manager.create(new double[] {1, 1, 1, 0, 0}), exact.numeric());
        assertThat(model.rank(masked).getDouble(0)).isCloseTo(model.rank(exact).getDouble(0), within(1e-12));
    }

    /** Inference works in place on its own intermediates; the batch, the parameters and the state stay as they were. */
    @Test
    void inferenceLeavesTheBatchAndTheModelUntouched() {
        DinModel model = din();
        warmUp(model);
        Sample user = sample(3);
        EmbeddedBatch batch = TestBatches.batch(manager, DIMS, 5, user, sample(5), sample(0));
        RankingBatch ranking = TestBatches.ranking(manager, DIMS, user, sample(0), sample(0));
        List<NDArray> watched = new java.util.ArrayList<>(List.of(batch.profile(), batch.candidate(), batch.history(),
                batch.mask(), batch.numeric(), ranking.candidates(), ranking.history()));
        watched.addAll(store.parameters().values());
        watched.addAll(store.state().values());
        List<double[]> before = watched.stream().map(NDArray::toDoubleArray).toList();
        model.forward(batch, false);
        model.explain(batch);
        model.rank(ranking);
        for (int i = 0; i < watched.size(); i++) {
            assertThat(watched.get(i).toDoubleArray()).as("array %d", i).containsExactly(before.get(i));
        }
    }

    @Test
    void aBatchOfTheWrongWidthIsRejectedByName() {
        DinModel model = din();
        EmbeddedBatch good = TestBatches.batch(manager, DIMS, 2, sample(1));
        EmbeddedBatch wide = new EmbeddedBatch(good.profile(), manager.zeros(new Shape(1, 5), DataType.FLOAT64),
                good.history(), good.mask(), good.numeric());
        assertThatThrownBy(() -> model.forward(wide, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("candidate has width 5").hasMessageContaining("built for 4");
        EmbeddedBatch noProfile = new EmbeddedBatch(null, good.candidate(), good.history(), good.mask(),
                good.numeric());
        assertThatThrownBy(() -> model.forward(noProfile, false)).hasMessageContaining("profile is missing");
    }

    @Test
    void theSameSeedBuildsTheSameModel() {
        din();
        try (ParameterStore other = new ParameterStore(manager, DataType.FLOAT64, 11)) {
            CtrModel.create(new ArchitectureConfig(ModelType.DIN, null,
                    new AttentionConfig(List.of(6, 3), ActivationType.DICE, null, null),
                    new MlpConfig(List.of(8, 4), ActivationType.DICE), null, null), DIMS, other);
            assertThat(other.parameters().keySet()).isEqualTo(store.parameters().keySet());
            store.parameters().forEach((name, p) ->
                    assertThat(other.parameter(name).toDoubleArray()).as(name).containsExactly(p.toDoubleArray()));
        }
    }

    static void assertFinite(double[] values) {
        assertThat(Arrays.stream(values).boxed().toList()).allMatch(Double::isFinite);
    }

    static double[][] rows(NDArray matrix, int width) {
        double[] flat = matrix.toDoubleArray();
        double[][] rows = new double[flat.length / width][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = Arrays.copyOfRange(flat, r * width, (r + 1) * width);
        }
        return rows;
    }
}
