package io.dinplatform.core.data;

/**
 * One problem found in an input file.
 *
 * @param row    the data row, counted from 1 for the first row after the header (so row r is line r+1 of a file
 *               without quoted line breaks); 0 for a problem with the file as a whole or with its header; for a log
 *               without a header, the line number
 * @param column the column concerned, or null when the problem is the row (or file) as a whole
 * @param reason what is wrong, in words a user can act on
 */
public record RowError(long row, String column, String reason) {

    @Override
    public String toString() {
        String where = row == 0 ? "file" : "row " + row;
        return column == null ? where + ": " + reason : where + ", column '" + column + "': " + reason;
    }
}
