package io.dinplatform.core.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;

import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Compares autograd gradients with central finite differences, in float64 so that the comparison is tight.
 * The function under test maps an array (created from the given values in a per-evaluation manager) to a scalar.
 */
public final class GradientCheck {

    private static final double STEP = 1e-6;

    private GradientCheck() {
    }

    /** Gradient of {@code f} at {@code at} by autograd. */
    public static double[] autograd(NDManager manager, double[] at, long[] shape,
                                    Function<NDArray, NDArray> f) {
        try (NDManager scope = manager.newSubManager();
             GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray x = scope.create(at, new ai.djl.ndarray.types.Shape(shape));
            x.setRequiresGradient(true);
            collector.backward(f.apply(x));
            return x.getGradient().toDoubleArray();
        }
    }

    /** Gradient of {@code f} at {@code at} by central differences. */
    public static double[] numeric(NDManager manager, double[] at, long[] shape, Function<NDArray, NDArray> f) {
        double[] gradient = new double[at.length];
        for (int i = 0; i < at.length; i++) {
            double[] plus = at.clone();
            double[] minus = at.clone();
            plus[i] += STEP;
            minus[i] -= STEP;
            gradient[i] = (evaluate(manager, plus, shape, f) - evaluate(manager, minus, shape, f)) / (2 * STEP);
        }
        return gradient;
    }

    /** Asserts that autograd and finite differences agree to {@code tolerance} (absolute, per entry). */
    public static void assertAgree(NDManager manager, double[] at, long[] shape, Function<NDArray, NDArray> f,
                                   double tolerance) {
        double[] expected = numeric(manager, at, shape, f);
        double[] actual = autograd(manager, at, shape, f);
        assertThat(actual).hasSameSizeAs(expected);
        double largest = 0;
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("d/dx[%d]", i).isCloseTo(expected[i], within(tolerance));
            largest = Math.max(largest, Math.abs(expected[i]));
        }
        assertThat(largest).as("the check must exercise non-zero gradients").isGreaterThan(1e-3);
    }

    /**
     * Asserts that the autograd gradient of a parameter of the store agrees with central differences, obtained by
     * perturbing the parameter's values in place. {@code loss} computes a scalar in the given per-call manager.
     */
    public static void assertParameterGradientAgrees(ParameterStore store, String name,
                                                     Function<NDManager, NDArray> loss, double tolerance) {
        NDArray parameter = store.parameter(name);
        double[] original = parameter.toDoubleArray();
        double[] expected = new double[original.length];
        for (int i = 0; i < original.length; i++) {
            double[] perturbed = original.clone();
            perturbed[i] = original[i] + STEP;
            double plus = evaluateWith(store.manager(), parameter, perturbed, loss);
            perturbed[i] = original[i] - STEP;
            double minus = evaluateWith(store.manager(), parameter, perturbed, loss);
            expected[i] = (plus - minus) / (2 * STEP);
        }
        parameter.set(original);
        double[] actual;
        store.attachGradients();
        zeroGradients(store);
        try (NDManager scope = store.manager().newSubManager();
             GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(loss.apply(scope));
            NDArray gradient = parameter.getGradient();
            actual = gradient.toDoubleArray();
            gradient.close();
        }
        double largest = 0;
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("d/d%s[%d]", name, i).isCloseTo(expected[i], within(tolerance));
            largest = Math.max(largest, Math.abs(expected[i]));
        }
        assertThat(largest).as("the check must exercise non-zero gradients").isGreaterThan(1e-3);
    }

    /** Gradients accumulate across backward passes: start every check from zero. */
    private static void zeroGradients(ParameterStore store) {
        for (NDArray p : store.parameters().values()) {
            if (p.hasGradient()) {
                try (NDArray g = p.getGradient()) {
                    g.muli(0);
                }
            }
        }
    }

    private static double evaluateWith(NDManager manager, NDArray parameter, double[] values,
                                       Function<NDManager, NDArray> loss) {
        parameter.set(values);
        try (NDManager scope = manager.newSubManager()) {
            return loss.apply(scope).getDouble();
        }
    }

    private static double evaluate(NDManager manager, double[] at, long[] shape, Function<NDArray, NDArray> f) {
        try (NDManager scope = manager.newSubManager()) {
            return f.apply(scope.create(at, new ai.djl.ndarray.types.Shape(shape))).getDouble();
        }
    }

    /** Deterministic pseudo-random values in [−scale, scale). */
    public static double[] values(long seed, int n, double scale) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextDouble(-scale, scale);
        }
        return v;
    }
}
