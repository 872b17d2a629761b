package io.dinplatform.core.data.builders;

import io.dinplatform.core.data.DataFormatException;
import io.dinplatform.core.data.RowError;
import io.dinplatform.core.data.csv.TextInput;
import io.dinplatform.core.data.csv.TextLimit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a raw log line by line, split on a single-character delimiter (no quoting: raw logs such as MovieLens' are
 * not CSV), collecting line errors up to {@link DataFormatException#MAX_REPORTED_ERRORS} and throwing them together.
 */
final class DelimitedLines {

    /** A line longer than this is refused: it is a file without line breaks (or a decompression bomb), not a log. */
    static final int MAX_LINE_CHARS = 1 << 20;

    /** Handles one line's fields; reports problems into {@code errors} rather than throwing. */
    interface LineHandler {
        void handle(long line, String[] fields, List<RowError> errors);
    }

    private DelimitedLines() {
    }

    static void read(InputStream in, Charset charset, TextLimit limit, char delimiter, boolean header,
                     LineHandler handler) throws IOException {
        List<RowError> errors = new ArrayList<>();
        long line = 0;
        try {
            BufferedReader reader = new BufferedReader(TextInput.reader(in, charset, limit), 1 << 16);
            String text;
            while (errors.size() < DataFormatException.MAX_REPORTED_ERRORS
                    && (text = nextLine(reader, line + 1)) != null) {
                line++;
                if ((header && line == 1) || text.isBlank()) {
                    continue;
                }
                handler.handle(line, split(text, delimiter), errors);
            }
        } catch (IOException e) {
            if (!TextInput.isContentError(e)) {
                throw e;
            }
            errors.add(new RowError(line, null, TextInput.describeContentError(e, charset)));
        }
        if (!errors.isEmpty()) {
            throw new DataFormatException(errors);
        }
        if (line == 0) {
            throw DataFormatException.of(0, null, "the file is empty");
        }
    }

    /** Like {@link BufferedReader#readLine()}, but a line may not grow beyond {@link #MAX_LINE_CHARS}. */
    private static String nextLine(BufferedReader reader, long line) throws IOException {
        StringBuilder text = new StringBuilder();
        int c;
        while ((c = reader.read()) >= 0) {
            if (c == '\n') {
                return text.toString();
            }
            if (c == '\r') {
                reader.mark(1);
                if (reader.read() != '\n') {
                    reader.reset();
                }
                return text.toString();
            }
            if (text.length() == MAX_LINE_CHARS) {
                throw DataFormatException.of(line, null, "the line is longer than " + MAX_LINE_CHARS
                        + " characters (a file without line breaks?)");
            }
            text.append((char) c);
        }
        return text.isEmpty() ? null : text.toString();
    }

    static String[] split(String text, char delimiter) {
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == delimiter) {
                count++;
            }
        }
        String[] fields = new String[count];
        int start = 0;
        for (int k = 0; k < count; k++) {
            int end = k == count - 1 ? text.length() : text.indexOf(delimiter, start);
            fields[k] = text.substring(start, end).trim();
            start = end + 1;
        }
        return fields;
    }
}
