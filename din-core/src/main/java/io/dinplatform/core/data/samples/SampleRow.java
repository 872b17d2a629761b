package io.dinplatform.core.data.samples;

import io.dinplatform.core.data.Split;

/**
 * One checked row of a samples file, with raw (not yet encoded) values. Arrays follow the order of the schema's
 * {@code categorical()}, {@code sequences()} and {@code numeric()} lists. A row is handed to the consumer and not
 * kept by the reader: a consumer that keeps values must copy what it needs.
 *
 * @param row         the data row number (1 = the first row after the header)
 * @param label       0 or 1
 * @param split       the row's split: from the split column, else from the group by the reader's splitter
 * @param group       the raw group value (GAUC groups; by default the user id)
 * @param categorical one raw value per categorical feature; the empty string is a missing value
 * @param sequences   one cell per sequence feature, values oldest first, all of equal length, not yet cut to
 *                    maxLength
 * @param numeric     one value per numeric feature, finite; {@link Float#NaN} marks a missing (empty) value
 */
public record SampleRow(long row, int label, Split split, String group, String[] categorical, SequenceCell[] sequences,
                        float[] numeric) {

    /** The history length of the row: every sequence has it (0 when the schema has no sequence). */
    public int historyLength() {
        return sequences.length == 0 ? 0 : sequences[0].length();
    }
}
