package io.dinplatform.core.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Raw value to embedding index for one categorical feature (and the sequences that target it).
 *
 * <p>Index {@value #PADDING} is reserved for padding and index {@value #UNKNOWN} for values never seen (or seen
 * fewer than {@code minCount} times) in the training split, so padding is never a real id and a never-seen id at
 * serving time scores like a rare one. {@link #count(int)} is the number of training samples in which the id occurs
 * (once per sample, whether as the candidate, in the history or both), the n_j of mini-batch aware regularization
 * and what the frequency filter compares with its minimum; the unknown index sums the counts of the values mapped
 * to it.
 */
public final class Vocabulary {

    public static final int PADDING = 0;
    public static final int UNKNOWN = 1;
    public static final int FIRST_ID = 2;

    private final List<String> values;
    private final Map<String, Integer> indexByValue;
    private final long[] counts;

    /**
     * @param values the known values, in index order starting at {@link #FIRST_ID}
     * @param counts the training samples holding each index, indexed like the table
     *               (so {@code counts.length == values.size() + 2})
     */
    public Vocabulary(List<String> values, long[] counts) {
        Objects.requireNonNull(values, "values");
        if (counts.length != values.size() + FIRST_ID) {
            throw new IllegalArgumentException("counts must have one entry per index, padding and unknown included");
        }
        this.values = List.copyOf(values);
        this.counts = counts.clone();
        this.indexByValue = new HashMap<>(values.size() * 2);
        for (int i = 0; i < values.size(); i++) {
            if (indexByValue.put(values.get(i), i + FIRST_ID) != null) {
                throw new IllegalArgumentException("duplicate vocabulary value: " + values.get(i));
            }
        }
    }

    /** The index of a raw value; {@link #UNKNOWN} when the value was not admitted in training. */
    public int indexOf(String value) {
        return indexByValue.getOrDefault(value, UNKNOWN);
    }

    /** The raw value of an index, or null for padding and unknown. */
    public String valueAt(int index) {
        return index >= FIRST_ID && index < size() ? values.get(index - FIRST_ID) : null;
    }

    /** Rows of the embedding table: the known values plus padding and unknown. */
    public int size() {
        return values.size() + FIRST_ID;
    }

    /** The training samples in which the index occurs (n_j). */
    public long count(int index) {
        return counts[index];
    }

    public long[] counts() {
        return counts.clone();
    }

    public List<String> values() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && values.equals(v.values) && Arrays.equals(counts, v.counts);
    }

    @Override
    public int hashCode() {
        return 31 * values.hashCode() + Arrays.hashCode(counts);
    }
}
