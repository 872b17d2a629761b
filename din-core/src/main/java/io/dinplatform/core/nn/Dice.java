package io.dinplatform.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.BatchNorm;

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

    /** ε in the normalisation, as docs/architecture.md, 'The model', and the official code fix it. */
    public static final double EPSILON = 1e-8;
    /** Weight of the old running average in each update. */
    public static final double MOMENTUM = 0.99;
    /** The channel axis of the (N, C) view the batch-norm kernel reads: the last (DJL then adds no transpose). */
    private static final int CHANNEL_AXIS = -1;

    private final NDArray alpha;
    private final NDArray runningMean;
    private final NDArray runningVariance;
    /** The batch-norm kernel's affine part, fixed at the identity: Dice only normalises. */
    private final NDArray unitScale;
    private final NDArray zeroShift;

    public Dice(ParameterStore store, String name, int channels) {
        Shape perChannel = new Shape(channels);
        this.alpha = store.constant(name + ".alpha", perChannel, 0.0);
        this.runningMean = store.stateConstant(name + ".runningMean", perChannel, 0.0);
        this.runningVariance = store.stateConstant(name + ".runningVariance", perChannel, 1.0);
        // Constants of the kernel, not parameters: owned by the store's manager, never saved or trained.
        this.unitScale = store.manager().ones(perChannel, store.dataType());
        this.zeroShift = store.manager().zeros(perChannel, store.dataType());
    }

    @Override
    public NDArray apply(NDArray input, NDArray mask, boolean training) {
        return training ? applyWithBatchStatistics(input, mask) : applyWithRunningAverages(input);
    }

    private NDArray applyWithBatchStatistics(NDArray input, NDArray mask) {
        NDArray p = ai.djl.nn.Activation.sigmoid(normalizeWithBatchStatistics(input, mask));
        NDArray ps = p.mul(input);
        // p·s + (1 − p)·α·s, written so that every intermediate belongs to the batch's manager.
        return ps.add(input.sub(ps).mul(alpha));
    }

    /**
     * Inference, where it is the costliest element-wise work of the model (every attention position, every channel).
     * The running averages are constants here, so the normalisation is the engine's batch-norm kernel in inference
     * mode: it folds them into one per-channel scale and shift and makes a single pass. The rest is training's
     * algebra, {@code p·s + (s − p·s)·α}, in place on the pass's own intermediates (nothing is recorded for a backward
     * pass at inference) with α only read, so nothing is attached to the parameter's manager. A served pass is a
     * hundred small operators, each a call into the engine that costs more than its arithmetic on a few dozen rows:
     * this takes four where the form {@code s·(α + (1 − α)·p)} took nine.
     */
    private NDArray applyWithRunningAverages(NDArray input) {
        NDArray ps = ai.djl.nn.Activation.sigmoid(normalizeWithRunningAverages(input)).muli(input);
        return input.sub(ps).muli(alpha).addi(ps);
    }

    /** (s − E[s]) / sqrt(Var[s] + ε) with the running averages, in the input's shape. */
    private NDArray normalizeWithRunningAverages(NDArray input) {
        Shape shape = input.getShape();
        long channels = shape.tail();
        // The kernel takes (N, C) with channels on axis 1; a (B, T, C) input is viewed as (B·T, C), and back.
        boolean rowsAlready = shape.dimension() == 2;
        NDArray rows = rowsAlready ? input : input.reshape(input.size() / Math.max(channels, 1), channels);
        // Inference mode: the kernel reads the running averages and leaves them alone (the momentum is unused). ε
        // reaches it as a float, 1e-8 to within 1e-16: far below what a float Var[s] + ε resolves.
        NDArray normalized = BatchNorm.batchNorm(rows, runningMean, runningVariance, unitScale, zeroShift,
                CHANNEL_AXIS, 0f, (float) EPSILON, false).singletonOrThrow();
        return rowsAlready ? normalized : normalized.reshape(shape);
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
