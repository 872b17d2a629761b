package io.dinplatform.core.data;

/**
 * One encoded behaviour sequence over all rows, stored compressed (CSR): the indices of row r are
 * {@code values[offsets[r] .. offsets[r+1])}, oldest first and newest last, already cut to the newest
 * {@code maxLength}. No padding is stored; batches pad when they are assembled.
 */
public record SequenceColumn(int[] offsets, int[] values) {

    public int length(int row) {
        return offsets[row + 1] - offsets[row];
    }

    public int start(int row) {
        return offsets[row];
    }

    public int rows() {
        return offsets.length - 1;
    }
}
