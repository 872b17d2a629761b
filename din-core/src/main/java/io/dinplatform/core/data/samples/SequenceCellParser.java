package io.dinplatform.core.data.samples;

import io.dinplatform.core.data.RowError;

import java.util.List;

/**
 * Splits a sequence cell ({@code 12|7|31}) into its values, and recognises a cell written with another common
 * delimiter than the schema's, which would otherwise be read silently as one long unknown value. The common
 * delimiters are {@link CellValues#SEPARATORS}, which no sequence value holds.
 */
final class SequenceCellParser {

    private final char delimiter;

    SequenceCellParser(char delimiter) {
        this.delimiter = delimiter;
    }

    /** The values, oldest first; null (with an error added) when the cell is malformed. */
    SequenceCell parse(String cell, long row, String column, List<RowError> errors) {
        if (cell.isEmpty()) {
            return SequenceCell.EMPTY;
        }
        if (cell.indexOf(delimiter) < 0) {
            char other = otherDelimiter(cell);
            if (other != 0) {
                errors.add(new RowError(row, column, "the sequence '" + abbreviate(cell) + "' looks separated by '"
                        + ColumnLayout.printable(other) + "' but the schema's sequenceDelimiter is '" + delimiter + "'"));
                return null;
            }
            return new SequenceCell(cell, new int[] {0, cell.length() + 1});
        }
        return split(cell, row, column, errors);
    }

    private SequenceCell split(String cell, long row, String column, List<RowError> errors) {
        int count = 1;
        for (int i = 0; i < cell.length(); i++) {
            if (cell.charAt(i) == delimiter) {
                count++;
            }
        }
        int[] bounds = new int[count + 1];
        for (int k = 1, i = 0; i < cell.length(); i++) {
            if (cell.charAt(i) == delimiter) {
                bounds[k++] = i + 1;
            }
        }
        bounds[count] = cell.length() + 1;
        for (int k = 0; k < count; k++) {
            if (bounds[k + 1] - 1 == bounds[k]) {
                errors.add(new RowError(row, column, "empty value at position " + (k + 1) + " of the sequence '"
                        + abbreviate(cell) + "' (two delimiters in a row, or one at an end)"));
                return null;
            }
        }
        return new SequenceCell(cell, bounds);
    }

    /** A common delimiter that splits the cell into at least two non-empty parts, or 0. */
    private char otherDelimiter(String cell) {
        for (int k = 0; k < CellValues.SEPARATORS.length(); k++) {
            char candidate = CellValues.SEPARATORS.charAt(k);
            int at = cell.indexOf(candidate);
            if (candidate != delimiter && at > 0 && at < cell.length() - 1) {
                return candidate;
            }
        }
        return 0;
    }

    private static String abbreviate(String cell) {
        return cell.length() <= 60 ? cell : cell.substring(0, 57) + "...";
    }
}
