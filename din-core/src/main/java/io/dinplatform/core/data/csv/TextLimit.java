package io.dinplatform.core.data.csv;

import java.util.Objects;

/**
 * The most bytes of text a reader takes from one file once it is decompressed, and the setting that changes it (the
 * error names it). Bounding the text, not the file, is what stops a gzip bomb: a few megabytes that expand to
 * terabytes are refused after reading the limit.
 *
 * @param maxBytes the most bytes of (decompressed) text
 * @param setting  where the limit comes from, e.g. a configuration key, for the error message
 */
public record TextLimit(long maxBytes, String setting) {

    /** No limit: for files the platform wrote itself, or a local file given on the command line. */
    public static final TextLimit NONE = new TextLimit(Long.MAX_VALUE, "none");

    public TextLimit {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("a text limit must be positive, got " + maxBytes);
        }
        Objects.requireNonNull(setting, "setting");
    }
}
