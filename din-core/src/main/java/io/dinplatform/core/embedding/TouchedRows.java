package io.dinplatform.core.embedding;

import ai.djl.ndarray.NDArray;

/**
 * The rows of one embedding table that a training mini-batch uses: the unit of a row-sparse update.
 *
 * <p>{@code gathered} is a per-batch copy of the rows, made a gradient leaf before the batch's embeddings were read
 * from it, so after backward its gradient holds one row per distinct id with the contributions of duplicate ids
 * summed. Position 0 is always the padding row: it is read (padded history positions point at it) but never
 * updated, so the update arrays start at position 1.
 *
 * @param feature       the categorical feature that owns the table
 * @param table         the long-lived table the rows came from (their values, with their optimizer state)
 * @param gathered      (U, d) the leaf; position 0 is the padding row
 * @param ids           (U−1) int64 the table indices of positions 1..U−1, distinct
 * @param inverseCounts (U−1, 1) float32 1 / n_j for those ids, n_j the training samples holding them (at least 1)
 */
public record TouchedRows(String feature, RowStateTable table, NDArray gathered, NDArray ids, NDArray inverseCounts) {

    /** The number of rows an update writes (distinct ids, padding excluded). */
    public long count() {
        return ids.getShape().get(0);
    }

    /** (U−1, d) the current values of the rows to update. */
    public NDArray values() {
        return gathered.get("1:");
    }

    /** (U−1, d) the loss gradient of the rows to update; call after backward. */
    public NDArray gradient() {
        NDArray all = gathered.getGradient();
        NDArray rows = all.get("1:");
        all.close();
        return rows;
    }
}
