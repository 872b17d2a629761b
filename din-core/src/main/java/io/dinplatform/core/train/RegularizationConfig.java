package io.dinplatform.core.train;

/**
 * The penalty on the embedding tables (the dense layers are not regularised, as in the paper).
 *
 * @param type   which penalty
 * @param lambda its strength λ (zero or positive; ignored by {@link RegularizationType#NONE})
 */
public record RegularizationConfig(RegularizationType type, float lambda) {

    public static final RegularizationConfig NONE = new RegularizationConfig(RegularizationType.NONE, 0f);

    public RegularizationConfig {
        if (type == null) {
            throw new IllegalArgumentException("regularization.type is required (NONE, MBA or L2)");
        }
        if (!(lambda >= 0f) || Float.isInfinite(lambda)) {
            throw new IllegalArgumentException("regularization.lambda must be zero or positive, got " + lambda);
        }
    }

    public static RegularizationConfig mba(float lambda) {
        return new RegularizationConfig(RegularizationType.MBA, lambda);
    }

    public static RegularizationConfig l2(float lambda) {
        return new RegularizationConfig(RegularizationType.L2, lambda);
    }
}
