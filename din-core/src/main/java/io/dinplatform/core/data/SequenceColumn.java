package io.dinplatform.core.data;

import java.util.List;

/**
 * One encoded behaviour sequence over all rows, stored compressed (CSR): the indices of row r are
 * {@code values[offsets[r] .. offsets[r+1])}, oldest first and newest last, already cut to the newest
 * {@code maxLength}. No padding is stored; batches pad when they are assembled.
 */
public record SequenceColumn(int[] offsets, int[] values) {

    /** The rows of the columns one after the other, in order. */
    public static SequenceColumn concatenate(List<SequenceColumn> columns) {
        int[] offsets = new int[columns.stream().mapToInt(SequenceColumn::rows).sum() + 1];
        int[] values = new int[columns.stream().mapToInt(c -> c.values.length).sum()];
        int row = 0;
        int at = 0;
        for (SequenceColumn column : columns) {
            for (int r = 1; r <= column.rows(); r++) {
                offsets[row + r] = at + column.offsets[r];
            }
            System.arraycopy(column.values, 0, values, at, column.values.length);
            row += column.rows();
            at += column.values.length;
        }
        return new SequenceColumn(offsets, values);
    }

    /** The column of {@code rows[from..to)}, in that order. */
    public SequenceColumn select(int[] rows, int from, int to) {
        int[] selectedOffsets = new int[to - from + 1];
        for (int i = from; i < to; i++) {
            selectedOffsets[i - from + 1] = selectedOffsets[i - from] + length(rows[i]);
        }
        int[] selectedValues = new int[selectedOffsets[to - from]];
        for (int i = from; i < to; i++) {
            System.arraycopy(values, offsets[rows[i]], selectedValues, selectedOffsets[i - from], length(rows[i]));
        }
        return new SequenceColumn(selectedOffsets, selectedValues);
    }

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
