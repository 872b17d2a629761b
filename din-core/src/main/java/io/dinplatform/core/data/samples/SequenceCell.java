package io.dinplatform.core.data.samples;

import java.util.Arrays;

/**
 * The values of one sequence cell ({@code 12|7|31}), oldest first, as ranges of the cell's text. Values become
 * strings only on demand: the encoder looks them up in place, which spares one string per history item on the hot
 * path (a samples file repeats each user's history on every row).
 */
public final class SequenceCell {

    static final SequenceCell EMPTY = new SequenceCell("", new int[] {0});

    private final String text;
    /** Value k spans {@code text[bounds[k], bounds[k+1] - 1)}: each bound is one past a delimiter. */
    private final int[] bounds;

    SequenceCell(String text, int[] bounds) {
        this.text = text;
        this.bounds = bounds;
    }

    /** The number of values. */
    public int length() {
        return bounds.length - 1;
    }

    /** The cell as written in the file. */
    public String text() {
        return text;
    }

    /** Where value k starts in {@link #text()}. */
    public int start(int k) {
        return bounds[k];
    }

    /** Where value k ends (exclusive) in {@link #text()}. */
    public int end(int k) {
        return bounds[k + 1] - 1;
    }

    public String value(int k) {
        return text.substring(start(k), end(k));
    }

    public String[] values() {
        String[] values = new String[length()];
        Arrays.setAll(values, this::value);
        return values;
    }

    @Override
    public String toString() {
        return Arrays.toString(values());
    }
}
