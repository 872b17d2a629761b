package io.dinplatform.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Dice, the data adaptive activation of the DIN paper (§4.3):
 * {@code f(s) = p(s)·s + (1 − p(s))·α·s} with {@code p(s) = sigmoid((s − E[s]) / sqrt(Var[s] + ε))}.
 *
 * <p>E[s] and Var[s] are per channel. In training they are the mini-batch mean and (biased) variance, computed over
 * the real positions only when a mask is given, and gradients flow through them as through batch normalisation.
 * Each training call also moves the running averages towards the batch statistics with momentum
 * {@value #MOMENTUM} (TensorFlow's batch-normalisation default, which the official code inherits). Inference uses
 * the running averages only, so a score never depends on what else is in the batch — unlike the official code, which
 * normalises with batch statistics at inference too.
 *
 * <p>α is learnable per channel and starts at 0 (the official code's initialiser); the running mean starts at 0 and
 * the running variance at 1.
 */
public final class Dice implements Activation {

    /** ε in the normalisation, as DESIGN and the official code fix it. */
    public static final double EPSILON = 1e-8;
    /** Weight of the old running average in each update. */
    public static final double MOMENTUM = 0.99;

    private final NDArray alpha;
    private final NDArray runningMean;
    private final NDArray runningVariance;

    public Dice(ParameterStore store, String name, int channels) {
        Shape perChannel = new Shape(channels);
        this.alpha = store.constant(name + ".alpha", perChannel, 0.0);
        this.runningMean = store.stateConstant(name + ".runningMean", perChannel, 0.0);
        this.runningVariance = store.stateConstant(name + ".runningVariance", perChannel, 1.0);
    }

    @Override
    public NDArray apply(NDArray input, NDArray mask, boolean training) {
        NDArray normalized = training ? normalizeWithBatchStatistics(input, mask) : normalizeWithRunningAverages(input);
        NDArray p = ai.djl.nn.Activation.sigmoid(normalized);
        NDArray ps = p.mul(input);
        // p·s + (1 − p)·α·s, written so that every intermediate belongs to the batch's manager.
        return ps.add(input.sub(ps).mul(alpha));
    }

    private NDArray normalizeWithRunningAverages(NDArray input) {
        NDArray std = runningVariance.add(EPSILON);
        std.attach(input.getManager()); // computed from state, but a per-batch temporary
        return input.sub(runningMean).div(std.sqrt());
    }

    private NDArray normalizeWithBatchStatistics(NDArray input, NDArray mask) {
        MaskedMoments moments = MaskedMoments.of(input, mask);
        updateRunningAverages(moments);
        return moments.centered().div(moments.variance().add(EPSILON).sqrt());
    }

    private void updateRunningAverages(MaskedMoments moments) {
        NDArray mean = moments.mean().stopGradient();
        NDArray variance = moments.variance().stopGradient();
        if (moments.count() == null) {
            runningMean.addi(mean.sub(runningMean).mul(1.0 - MOMENTUM));
            runningVariance.addi(variance.sub(runningVariance).mul(1.0 - MOMENTUM));
            return;
        }
        // rate = 1 − momentum, or 0 when the batch has no real position (nothing was observed); computed on the
        // device, so that no step waits for the count to reach the host.
        NDArray rate = moments.count().gt(0).toType(mean.getDataType(), false).mul(1.0 - MOMENTUM);
        runningMean.addi(mean.sub(runningMean).mul(rate));
        runningVariance.addi(variance.sub(runningVariance).mul(rate));
    }

    /** Running averages, for tests and inspection. */
    NDArray runningMean() {
        return runningMean;
    }

    NDArray runningVariance() {
        return runningVariance;
    }
}
