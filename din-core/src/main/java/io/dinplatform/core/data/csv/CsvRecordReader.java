package io.dinplatform.core.data.csv;

import io.dinplatform.core.data.DataFormatException;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: comma-separated fields, fields in double quotes may hold commas, line breaks and
 * doubled quotes ({@code ""}), and records end with LF, CRLF or CR. It holds one record at a time, never the file.
 *
 * <p>It is lenient where being strict helps nobody (a quote inside an unquoted field is a literal character, a final
 * line may lack its line break, a UTF-8 byte order mark is dropped) and strict where the file is ambiguous: an
 * unterminated quoted field or text after a closing quote is a {@link DataFormatException}. Records are numbered from
 * 0, so with a header the record number is the data row number of {@link io.dinplatform.core.data.RowError}.
 */
public final class CsvRecordReader implements Closeable {

    /** A single field longer than this is refused: it is a broken quote swallowing the file, not data. */
    public static final int MAX_FIELD_CHARS = 1 << 22;

    private static final int END = -1;
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private long line = 1;
    private long recordNumber = -1;
    private long recordLine;
    private final StringBuilder field = new StringBuilder();
    private final List<String> fields = new ArrayList<>();

    public CsvRecordReader(Reader in) {
        this.in = in;
    }

    /** The next record's fields, or null at the end of the input. An empty line is a record of one empty field. */
    public String[] next() throws IOException {
        if (recordNumber == -1 && peek() == BYTE_ORDER_MARK) {
            position++;
        }
        if (peek() == END) {
            return null;
        }
        recordNumber++;
        recordLine = line;
        fields.clear();
        int terminator;
        do {
            if (peek() == '"') {
                position++;
                readQuotedField();
            } else {
                readUnquotedField();
            }
            fields.add(field.toString());
            field.setLength(0);
            terminator = read();
        } while (terminator == ',');
        endLine(terminator);
        return fields.toArray(String[]::new);
    }

    /** The number of the record last returned by {@link #next()}, from 0. */
    public long recordNumber() {
        return recordNumber;
    }

    /** The physical line on which the record last returned by {@link #next()} starts, from 1. */
    public long recordLine() {
        return recordLine;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Copies runs of ordinary characters in bulk: most fields of a samples file are unquoted. */
    private void readUnquotedField() throws IOException {
        while (position < limit || fill()) {
            int start = position;
            while (position < limit) {
                char c = buffer[position];
                if (c == ',' || c == '\n' || c == '\r') {
                    break;
                }
                position++;
            }
            appendRun(start, position - start);
            if (position < limit) {
                return;
            }
        }
    }

    private void readQuotedField() throws IOException {
        long openedOnLine = line;
        while (true) {
            int c = read();
            if (c == END) {
                throw syntaxError("a quoted field opened on line " + openedOnLine + " is never closed");
            }
            if (c == '"') {
                if (peek() != '"') {
                    break;
                }
                position++;
            } else if (c == '\n') {
                line++;
            }
            append((char) c);
        }
        int next = peek();
        if (next != ',' && next != '\n' && next != '\r' && next != END) {
            throw syntaxError("unexpected character '" + (char) next + "' after the closing quote of a field on line "
                    + line + " (a quote inside a quoted field must be doubled: \"\")");
        }
    }

    private void endLine(int terminator) throws IOException {
        if (terminator == '\r' && peek() == '\n') {
            position++;
        }
        if (terminator != END) {
            line++;
        }
    }

    private void appendRun(int start, int length) {
        if (field.length() + length > MAX_FIELD_CHARS) {
            throw syntaxError("a field longer than " + MAX_FIELD_CHARS + " characters");
        }
        field.append(buffer, start, length);
    }

    private void append(char c) {
        if (field.length() >= MAX_FIELD_CHARS) {
            throw syntaxError("a field longer than " + MAX_FIELD_CHARS + " characters (an unbalanced quote?)");
        }
        field.append(c);
    }

    private DataFormatException syntaxError(String reason) {
        return DataFormatException.of(recordNumber, null, "malformed CSV: " + reason);
    }

    private int peek() throws IOException {
        if (position == limit && !fill()) {
            return END;
        }
        return buffer[position];
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return END;
        }
        return buffer[position++];
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
