package io.dinplatform.core.data.csv;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes RFC 4180 records: a field is quoted only when it holds a comma, a quote or a line break, or starts with a
 * byte order mark (unquoted at the start of a file, {@link CsvRecordReader} takes that for the file's own and drops
 * it).
 */
public final class CsvWriter implements Closeable, Flushable {

    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private final Writer out;

    public CsvWriter(Writer out) {
        this.out = out;
    }

    public void writeRecord(String... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            writeField(fields[i]);
        }
        out.write('\n');
    }

    private void writeField(String field) throws IOException {
        if (!needsQuotes(field)) {
            out.write(field);
            return;
        }
        out.write('"');
        out.write(field.replace("\"", "\"\""));
        out.write('"');
    }

    private static boolean needsQuotes(String field) {
        if (field.startsWith(BYTE_ORDER_MARK)) {
            return true;
        }
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
