package io.dinplatform.registry.impression;

import java.util.List;

/**
 * One row of PostgreSQL's {@code COPY ... FROM STDIN} text format, written into a shared buffer: columns separated by
 * tabs, {@code \N} for NULL, and a backslash before each backslash, tab, newline and carriage return inside a value
 * (the format's escapes). An array column is written as its array literal, each element quoted. PostgreSQL's text
 * cannot hold the NUL character at all, escaped or not: it is written as U+FFFD, the replacement character, so that a
 * served value holding one is logged rather than failing its whole batch.
 */
final class CopyTextRow {

    private final StringBuilder out;
    private boolean first = true;

    CopyTextRow(StringBuilder out) {
        this.out = out;
    }

    CopyTextRow value(Object value) {
        separate();
        if (value == null) {
            out.append("\\N");
        } else {
            escaped(value.toString());
        }
        return this;
    }

    /** A text array's literal, e.g. {@code {"user_id","item_id"}}, with quotes and backslashes in elements escaped. */
    CopyTextRow array(List<String> elements) {
        StringBuilder literal = new StringBuilder(2 + 16 * elements.size()).append('{');
        for (int i = 0; i < elements.size(); i++) {
            literal.append(i == 0 ? "\"" : ",\"");
            String element = elements.get(i);
            for (int c = 0; c < element.length(); c++) {
                char ch = element.charAt(c);
                if (ch == '"' || ch == '\\') {
                    literal.append('\\');
                }
                literal.append(ch);
            }
            literal.append('"');
        }
        separate();
        escaped(literal.append('}').toString());
        return this;
    }

    void end() {
        out.append('\n');
    }

    private void separate() {
        if (!first) {
            out.append('\t');
        }
        first = false;
    }

    private void escaped(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\0' -> out.append(LoggedJson.REPLACEMENT);
                default -> out.append(ch);
            }
        }
    }
}
