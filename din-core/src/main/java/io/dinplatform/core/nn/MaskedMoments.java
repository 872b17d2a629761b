package io.dinplatform.core.nn;

import ai.djl.ndarray.NDArray;

/**
 * Per-channel mean and biased variance of a (B, C) or (B, T, C) array over its real positions.
 *
 * @param count    the number of real positions (a scalar array; may be 0 when every position is padding)
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
        int[] positionAxes = input.getShape().dimension() == 3 ? new int[] {0, 1} : new int[] {0};
        if (mask == null) {
            long positions = input.getShape().size() / input.getShape().tail();
            NDArray count = input.getManager().create((float) positions).toType(input.getDataType(), false);
            NDArray mean = input.mean(positionAxes);
            NDArray centered = input.sub(mean);
            return new MaskedMoments(count, mean, centered, centered.square().mean(positionAxes));
        }
        NDArray weights = mask.toType(input.getDataType(), false).expandDims(2);
        NDArray count = weights.sum();
        // An all-padding batch divides by 1 instead of 0: its statistics are 0 and carry no weight anyway.
        NDArray divisor = count.maximum(1);
        NDArray mean = input.mul(weights).sum(positionAxes).div(divisor);
        NDArray centered = input.sub(mean);
        NDArray variance = centered.square().mul(weights).sum(positionAxes).div(divisor);
        return new MaskedMoments(count, mean, centered, variance);
    }
}
