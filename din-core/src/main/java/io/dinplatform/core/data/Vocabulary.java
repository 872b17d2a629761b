package io.dinplatform.core.data;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * Raw value to embedding index for one categorical feature (and the sequences that target it).
 *
 * <p>Index {@value #PADDING} is reserved for padding and index {@value #UNKNOWN} for values never seen (or seen
 * fewer than {@code minCount} times) in the training split, so padding is never a real id and a never-seen id at
 * serving time scores like a rare one. {@link #count(int)} is the number of training samples in which the id occurs
 * (once per sample, whether as the candidate, in the history or both), the n_j of mini-batch aware regularization
 * and what the frequency filter compares with its minimum; the unknown index sums the counts of the values mapped
 * to it.
 *
 * <p>The values are held as {@link CompactStrings}, one byte arena with an open addressing table of ids, not as a
 * string and a map entry per value: a vocabulary of millions of users costs megabytes, not hundreds of them, and
 * {@link #indexOf} allocates nothing. {@link #valueAt} and {@link #values()} make the strings on demand.
 */
public final class Vocabulary {

    public static final int PADDING = 0;
    public static final int UNKNOWN = 1;
    public static final int FIRST_ID = 2;

    private final CompactStrings values;
    private final long[] counts;

    /**
     * @param values the known values, in index order starting at {@link #FIRST_ID}
     * @param counts the training samples holding each index, indexed like the table
     *               (so {@code counts.length == values.size() + 2})
     * @throws IllegalArgumentException for a value given twice, or counts of another length
     */
    public Vocabulary(List<String> values, long[] counts) {
        this(strings(values), counts);
    }

    /**
     * A vocabulary of values already held compactly (the counting pass builds them so): the vocabulary freezes
     * them and keeps them, so the caller must not add to them afterwards.
     *
     * @param values the known values, id 0 being index {@link #FIRST_ID}
     * @param counts as {@link #Vocabulary(List, long[])}
     */
    public Vocabulary(CompactStrings values, long[] counts) {
        Objects.requireNonNull(values, "values");
        if (counts.length != values.size() + FIRST_ID) {
            throw new IllegalArgumentException("counts must have one entry per index, padding and unknown included");
        }
        values.freeze();
        this.values = values;
        this.counts = counts.clone();
    }

    private static CompactStrings strings(List<String> values) {
        Objects.requireNonNull(values, "values");
        long bytes = 0;
        for (String value : values) {
            bytes += value.length();
        }
        CompactStrings strings = new CompactStrings(values.size(), (int) Math.min(bytes, 1 << 30));
        for (String value : values) {
            if (strings.indexOf(value) != CompactStrings.ABSENT) {
                throw new IllegalArgumentException("duplicate vocabulary value: " + value);
            }
            strings.add(value);
        }
        return strings;
    }

    /** The index of a raw value; {@link #UNKNOWN} when the value was not admitted in training (or is null). */
    public int indexOf(String value) {
        int id = values.indexOf(value);
        return id == CompactStrings.ABSENT ? UNKNOWN : id + FIRST_ID;
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

    /**
     * The known values in index order (from {@link #FIRST_ID}): a read-only view that makes each string when it is
     * read, so a caller that walks it holds one string at a time.
     */
    public List<String> values() {
        return new ValuesView(values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && values.equals(v.values) && Arrays.equals(counts, v.counts);
    }

    /** As it was when the values were a list: {@code 31 * values().hashCode() + Arrays.hashCode(counts())}. */
    @Override
    public int hashCode() {
        return 31 * values.hashCode() + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "Vocabulary[" + size() + " indices]";
    }

    private static final class ValuesView extends AbstractList<String> implements RandomAccess {

        private final CompactStrings values;

        ValuesView(CompactStrings values) {
            this.values = values;
        }

        @Override
        public String get(int index) {
            return values.get(Objects.checkIndex(index, values.size()));
        }

        @Override
        public int size() {
            return values.size();
        }
    }
}
