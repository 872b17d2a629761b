package io.dinplatform.core.nn;

import ai.djl.ndarray.NDArray;

/**
 * Per-channel mean and biased variance of a (B, C) or (B, T, C) array over its real positions.
 *
 * @param count    the number of real positions (a scalar array; may be 0 when every position is padding), or null
 *                 without a mask, when every position is real
 * @param mean     (C)
 * @param centered the input minus the mean, the input's shape
 * @param variance (C)
 */
record MaskedMoments(NDArray count, NDArray mean, NDArray centered, NDArray variance) {

    /**
     * @param input (B, C) or (B, T, C)
     * @param mask  (B, T) with 1 for real positions, or null when every position is real
     */
    static MaskedMoments of(NDArray input, NDArray mask) {
        if (mask == null) {
            // Statistics over every position; (B, T, C) is viewed as (B·T, C) because the engine reduces one axis
            // at a time.
            long channels = input.getShape().tail();
            long positions = input.getShape().size() / Math.max(channels, 1);
            NDArray mean = input.reshape(positions, channels).mean(new int[] {0});
            NDArray centered = input.sub(mean);
            NDArray variance = centered.square().reshape(positions, channels).mean(new int[] {0});
            return new MaskedMoments(null, mean, centered, variance);
        }
        long channels = input.getShape().tail();
        long positions = mask.getShape().size(); // explicit, not −1: a zero-length history axis has 0 positions
        // Masked sums over the positions as one (1, B·T) × (B·T, C) product: no masked copy of the input is made.
        NDArray weights = mask.toType(input.getDataType(), false).reshape(1, positions);
        NDArray count = weights.sum();
        // An all-padding batch divides by 1 instead of 0: its statistics are 0 and carry no weight anyway.
        NDArray divisor = count.maximum(1);
        NDArray mean = weights.matMul(input.reshape(positions, channels)).reshape(channels).div(divisor);
        NDArray centered = input.sub(mean);
        NDArray variance = weights.matMul(centered.square().reshape(positions, channels)).reshape(channels)
                .div(divisor);
        return new MaskedMoments(count, mean, centered, variance);
    }
}
