package io.dinplatform.core.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DiceTest {

    private NDManager manager;
    private ParameterStore store;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager(Device.cpu());
        store = new ParameterStore(manager, DataType.FLOAT64, 7);
    }

    @AfterEach
    void close() {
        store.close();
        manager.close();
    }

    @Test
    void trainingGradientWithBatchStatisticsMatchesFiniteDifferences() {
        Dice dice = new Dice(store, "dice", 3);
        store.parameter("dice.alpha").set(new double[] {0.25, -0.5, 0.1});
        double[] weights = GradientCheck.values(1, 15, 1.0);
        GradientCheck.assertAgree(manager, GradientCheck.values(2, 15, 2.0), new long[] {5, 3},
                x -> dice.apply(x, null, true).mul(x.getManager().create(weights, new Shape(5, 3))).sum(), 1e-6);
    }

    @Test
    void maskedTrainingGradientMatchesFiniteDifferences() {
        Dice dice = new Dice(store, "dice", 2);
        store.parameter("dice.alpha").set(new double[] {0.3, 0.7});
        double[] weights = GradientCheck.values(3, 12, 1.0);
        double[] mask = {1, 1, 0, 1, 0, 0};
        GradientCheck.assertAgree(manager, GradientCheck.values(4, 12, 2.0), new long[] {2, 3, 2},
                x -> dice.apply(x, x.getManager().create(mask, new Shape(2, 3)), true)
                        .mul(x.getManager().create(weights, new Shape(2, 3, 2))).sum(), 1e-6);
    }

    @Test
    void alphaGradientMatchesFiniteDifferences() {
        Dice dice = new Dice(store, "dice", 3);
        store.parameter("dice.alpha").set(new double[] {0.2, -0.4, 0.6});
        double[] input = GradientCheck.values(5, 12, 2.0);
        double[] weights = GradientCheck.values(6, 12, 1.0);
        GradientCheck.assertParameterGradientAgrees(store, "dice.alpha", m -> dice.apply(
                m.create(input, new Shape(4, 3)), null, true).mul(m.create(weights, new Shape(4, 3))).sum(), 1e-6);
    }

    @Test
    void paddedPositionsStayOutOfTheStatistics() {
        Dice dice = new Dice(store, "dice", 2);
        double[] real = {1, 2, 3, 5, -1, 0, 4, 4};
        double[] mask = {1, 1, 0, 1};
        NDArray a = manager.create(real, new Shape(2, 2, 2));
        double[] other = real.clone();
        other[4] = 1000; // position (1, 0) is padding: changing it must not move the real outputs
        other[5] = -1000;
        NDArray b = manager.create(other, new Shape(2, 2, 2));
        NDArray m = manager.create(mask, new Shape(2, 2));
        double[] outA = dice.apply(a, m, true).toDoubleArray();
        double[] outB = dice.apply(b, m, true).toDoubleArray();
        for (int i : new int[] {0, 1, 2, 3, 6, 7}) {
            assertThat(outB[i]).isEqualTo(outA[i]);
        }
    }

    @Test
    void withoutAMaskEveryPositionCounts() {
        Dice dice = new Dice(store, "dice", 2);
        NDArray x = manager.create(GradientCheck.values(8, 12, 2.0), new Shape(2, 3, 2));
        double[] unmasked = dice.apply(x, null, true).toDoubleArray();
        double[] allReal = dice.apply(x, manager.ones(new Shape(2, 3), DataType.FLOAT64), true).toDoubleArray();
        assertThat(unmasked).containsExactly(allReal, within(1e-12));
    }

    @Test
    void runningAveragesMoveTowardsTheBatchStatisticsWithTheMomentum() {
        Dice dice = new Dice(store, "dice", 1);
        dice.apply(manager.create(new double[] {1, 3}, new Shape(2, 1)), null, true);
        // batch mean 2, biased variance 1: running = 0.99·(0, 1) + 0.01·(2, 1)
        assertThat(dice.runningMean().getDouble(0)).isCloseTo(0.02, within(1e-12));
        assertThat(dice.runningVariance().getDouble(0)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void anAllPaddingBatchLeavesTheRunningAveragesAlone() {
        Dice dice = new Dice(store, "dice", 2);
        NDArray out = dice.apply(manager.create(new double[] {5, 6, 7, 8}, new Shape(1, 2, 2)),
                manager.zeros(new Shape(1, 2), DataType.FLOAT64), true);
        assertThat(java.util.Arrays.stream(out.toDoubleArray()).allMatch(Double::isFinite)).isTrue();
        assertThat(dice.runningMean().toDoubleArray()).containsExactly(0, 0);
        assertThat(dice.runningVariance().toDoubleArray()).containsExactly(1, 1);
    }

    @Test
    void inferenceScoresDoNotDependOnTheRestOfTheBatch() {
        Dice dice = new Dice(store, "dice", 2);
        dice.apply(manager.create(GradientCheck.values(9, 40, 3.0), new Shape(20, 2)), null, true);
        double[] alone = dice.apply(manager.create(new double[] {0.5, -0.25}, new Shape(1, 2)), null, false)
                .toDoubleArray();
        double[] inBatch = dice.apply(manager.create(new double[] {9, 9, 0.5, -0.25, -7, 3}, new Shape(3, 2)), null,
                false).toDoubleArray();
        assertThat(new double[] {inBatch[2], inBatch[3]}).containsExactly(alone);
    }

    @Test
    void inferenceFollowsTheFormulaWithRunningAverages() {
        Dice dice = new Dice(store, "dice", 1);
        store.parameter("dice.alpha").set(new double[] {0.5});
        dice.runningMean().set(new double[] {1.0});
        dice.runningVariance().set(new double[] {4.0});
        double s = 2.0;
        double p = 1 / (1 + Math.exp(-(s - 1.0) / Math.sqrt(4.0 + Dice.EPSILON)));
        double out = dice.apply(manager.create(new double[] {s}, new Shape(1, 1)), null, false).getDouble(0, 0);
        assertThat(out).isCloseTo(p * s + (1 - p) * 0.5 * s, within(1e-12));
    }

    /**
     * Inference runs a fused form (the engine's batch-norm kernel, then in-place arithmetic); it must still be the
     * definition, channel by channel, for any running averages, α and input shape. A seeded random search, in
     * double and in float precision.
     */
    @Test
    void inferenceEqualsTheDefinitionForRandomStatisticsAndInputs() {
        SplittableRandom random = new SplittableRandom(43);
        for (int trial = 0; trial < 40; trial++) {
            DataType type = trial % 2 == 0 ? DataType.FLOAT64 : DataType.FLOAT32;
            try (ParameterStore trialStore = new ParameterStore(manager, type, trial)) {
                int channels = 1 + random.nextInt(9);
                Dice dice = new Dice(trialStore, "dice", channels);
                double[] alpha = put(trialStore.parameter("dice.alpha"), draw(random, channels, -1, 1));
                double[] mean = put(dice.runningMean(), draw(random, channels, -3, 3));
                double[] variance = put(dice.runningVariance(), draw(random, channels, 0, 4));
                Shape shape = random.nextBoolean() ? new Shape(1 + random.nextInt(4), channels)
                        : new Shape(1 + random.nextInt(3), random.nextInt(5), channels); // T may be 0
                double[] input = draw(random, Math.toIntExact(shape.size()), -6, 6);
                try (NDManager batch = manager.newSubManager()) {
                    NDArray x = batch.create(input, shape).toType(type, false);
                    double[] expected = doubles(x); // the input as the engine holds it
                    for (int i = 0; i < expected.length; i++) {
                        int c = i % channels;
                        double s = expected[i];
                        double p = 1 / (1 + Math.exp(-(s - mean[c]) / Math.sqrt(variance[c] + Dice.EPSILON)));
                        expected[i] = p * s + (1 - p) * alpha[c] * s;
                    }
                    NDArray out = dice.apply(x, null, false);
                    assertThat(out.getShape()).isEqualTo(shape);
                    double tolerance = type == DataType.FLOAT64 ? 1e-12 : 1e-5;
                    assertThat(doubles(out)).as("trial %d, %s", trial, type)
                            .containsExactly(expected, within(tolerance));
                    assertThat(doubles(x)).as("the input is left alone")
                            .containsExactly(doubles(batch.create(input, shape).toType(type, false)));
                }
            }
        }
    }

    private static double[] draw(SplittableRandom random, int n, double from, double to) {
        return random.doubles(n, from, to).toArray();
    }

    private static double[] doubles(NDArray array) {
        return array.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    /** Writes the values into a float or double array; returns them as it holds them, for the expected formula. */
    private static double[] put(NDArray target, double[] values) {
        if (target.getDataType() == DataType.FLOAT64) {
            target.set(values);
            return values;
        }
        float[] rounded = new float[values.length];
        double[] held = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            rounded[i] = (float) values[i];
            held[i] = rounded[i];
        }
        target.set(rounded);
        return held;
    }

    @Test
    void preluIsDiceWithZeroMeanAndVariance() {
        ParametricRelu prelu = new ParametricRelu(store, "prelu", 2);
        store.parameter("prelu.alpha").set(new double[] {0.1, 0.3});
        Dice dice = new Dice(store, "dice", 2);
        store.parameter("dice.alpha").set(new double[] {0.1, 0.3});
        dice.runningMean().set(new double[] {0, 0});
        dice.runningVariance().set(new double[] {0, 0});
        NDArray x = manager.create(new double[] {-2, -0.5, 0.5, 3}, new Shape(2, 2));
        double[] expected = {-0.2, -0.15, 0.5, 3};
        assertThat(prelu.apply(x, null, false).toDoubleArray()).containsExactly(expected, within(1e-12));
        // With E = 0 and Var = 0, p(s) = sigmoid(s / 1e-4) is a step function away from 0.
        assertThat(dice.apply(x, null, false).toDoubleArray()).containsExactly(expected, within(1e-12));
    }
}
