package io.dinplatform.core.train;

/**
 * The penalty on the embedding tables (the dense layers are not regularised, as in the paper).
 *
 * @param type       which penalty
 * @param lambda     its strength λ (zero or positive; ignored by {@link RegularizationType#NONE})
 * @param decoupled  whether MBA's shrink is applied to the touched rows outside an adaptive rule (Adam, Adagrad)
 *                   instead of entering their gradient; null means the optimizer's default
 *                   ({@link #isDecoupledFor}). Stored run documents from before this setting read as null.
 */
public record RegularizationConfig(RegularizationType type, float lambda, Boolean decoupled) {

    public static final RegularizationConfig NONE = new RegularizationConfig(RegularizationType.NONE, 0f);

    public RegularizationConfig {
        if (type == null) {
            throw new IllegalArgumentException("regularization.type is required (NONE, MBA or L2)");
        }
        if (!(lambda >= 0f) || Float.isInfinite(lambda)) {
            throw new IllegalArgumentException("regularization.lambda must be zero or positive, got " + lambda);
        }
    }

    /** The penalty with the optimizer's default coupling. */
    public RegularizationConfig(RegularizationType type, float lambda) {
        this(type, lambda, null);
    }

    public static RegularizationConfig mba(float lambda) {
        return new RegularizationConfig(RegularizationType.MBA, lambda);
    }

    public static RegularizationConfig l2(float lambda) {
        return new RegularizationConfig(RegularizationType.L2, lambda);
    }

    /** The same penalty with the given coupling; null restores the optimizer's default. */
    public RegularizationConfig withDecoupled(Boolean newDecoupled) {
        return new RegularizationConfig(type, lambda, newDecoupled);
    }

    /**
     * Whether MBA's shrink bypasses the update rule under {@code optimizer}. An adaptive rule divides whatever enters
     * its gradient by that gradient's running scale, so a coupled penalty that dominates a row's gradient shrinks the
     * row by about η per touch whatever λ is; decoupled (as AdamW does for weight decay), the shrink is η·λ·w_j/n_j
     * as in the paper. Hence decoupled by default for Adam and Adagrad. Under SGD both forms are the paper's update,
     * so SGD always takes the coupled one (its arithmetic unchanged) and the setting does not apply.
     */
    public boolean isDecoupledFor(OptimizerType optimizer) {
        if (optimizer == OptimizerType.SGD) {
            return false;
        }
        return decoupled == null || decoupled;
    }
}
