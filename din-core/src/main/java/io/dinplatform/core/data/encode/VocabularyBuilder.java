package io.dinplatform.core.data.encode;

import io.dinplatform.core.data.Vocabulary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Collects the raw values of one embedding table during the single pass over a file: each distinct value gets a
 * provisional id in order of appearance, and the training rows in which it occurs are counted: once per row, however
 * often the row holds it (as the candidate and in the history, or several times in the history), which is the n_j
 * of mini-batch aware regularization, the number of training samples in which id j occurs. Once the pass is over,
 * {@link #build(int)} turns that into the final {@link Vocabulary} and the map from provisional to final indices.
 *
 * <p>Values are looked up by a range of a larger string (a history cell) without cutting it out first: an open
 * addressing table of provisional ids, hashed like {@link String#hashCode()} over the range. A string is made only
 * for a value seen for the first time, which keeps the encoding of millions of history items free of garbage.
 */
final class VocabularyBuilder {

    /** The provisional id of a missing (empty) value: it always encodes as {@link Vocabulary#UNKNOWN}. */
    static final int MISSING = -1;

    private final List<String> values = new ArrayList<>();
    /** Open addressing: provisional id + 1, or 0 for a free slot; at most half full. */
    private int[] slots = new int[1 << 10];
    private int[] hashes = new int[1 << 9];
    private long[] trainingCounts = new long[1 << 9];
    /** The row that last counted each provisional id, so that a row counts an id once. */
    private long[] countedInRow = new long[1 << 9];
    private long missingTrainingCount;
    private long missingCountedInRow;
    /** The current row, from 1 (0 marks an id no row has counted yet). */
    private long row;

    /** Starts the next row: from now on an id counts again, once. Call it before each row's values. */
    void beginRow() {
        row++;
    }

    /** The provisional id of a raw value, counting the row when it is a training row (once per row). */
    int intern(String value, boolean training) {
        return intern(value, 0, value.length(), training);
    }

    /** The provisional id of {@code text[start, end)}, counting the row when it is a training row (once per row). */
    int intern(String text, int start, int end, boolean training) {
        if (start == end) {
            if (training && missingCountedInRow != row) {
                missingCountedInRow = row;
                missingTrainingCount++;
            }
            return MISSING;
        }
        int hash = hash(text, start, end);
        int mask = slots.length - 1;
        int slot = spread(hash) & mask;
        int id;
        while (true) {
            int entry = slots[slot];
            if (entry == 0) {
                id = add(text.substring(start, end), hash, slot);
                break;
            }
            if (hashes[entry - 1] == hash && matches(values.get(entry - 1), text, start, end)) {
                id = entry - 1;
                break;
            }
            slot = (slot + 1) & mask;
        }
        if (training && countedInRow[id] != row) {
            countedInRow[id] = row;
            trainingCounts[id]++;
        }
        return id;
    }

    /**
     * The provisional id of {@code text[start, end)} without counting anything: a second pass over a file finds
     * every value the first pass interned. {@link #MISSING} for an empty range.
     *
     * @throws IllegalStateException for a value the first pass did not see (the file changed between the passes)
     */
    int find(String text, int start, int end) {
        if (start == end) {
            return MISSING;
        }
        int hash = hash(text, start, end);
        int mask = slots.length - 1;
        for (int slot = spread(hash) & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
            int entry = slots[slot];
            if (hashes[entry - 1] == hash && matches(values.get(entry - 1), text, start, end)) {
                return entry - 1;
            }
        }
        throw new IllegalStateException("value '" + text.substring(start, end) + "' was not in the first pass");
    }

    private int add(String value, int hash, int slot) {
        int id = values.size();
        values.add(value);
        if (id == hashes.length) {
            hashes = Arrays.copyOf(hashes, id * 2);
            trainingCounts = Arrays.copyOf(trainingCounts, id * 2);
            countedInRow = Arrays.copyOf(countedInRow, id * 2);
        }
        hashes[id] = hash;
        slots[slot] = id + 1;
        if (2 * values.size() > slots.length) {
            rehash(slots.length * 2);
        }
        return id;
    }

    private void rehash(int capacity) {
        slots = new int[capacity];
        int mask = capacity - 1;
        for (int id = 0; id < values.size(); id++) {
            int slot = spread(hashes[id]) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = id + 1;
        }
    }

    private static int hash(String text, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + text.charAt(i);
        }
        return h;
    }

    /** Fibonacci hashing: spreads String-style hashes of short ids ("17", "18") over the table. */
    private static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private static boolean matches(String value, String text, int start, int end) {
        return value.length() == end - start && text.regionMatches(start, value, 0, value.length());
    }

    /**
     * The vocabulary of the values seen at least {@code minCount} times in training rows, ordered by descending count
     * then by value (so it is deterministic), and the final index of every provisional id. Values below the minimum,
     * and values seen only outside training, become {@link Vocabulary#UNKNOWN}, whose count gathers their training
     * rows and the missing values' (a row with two different such values counts twice there).
     */
    Encoding build(int minCount) {
        int[] admitted = IntStream.range(0, values.size())
                .filter(id -> trainingCounts[id] >= minCount && trainingCounts[id] > 0)
                .boxed()
                .sorted(Comparator.<Integer>comparingLong(id -> -trainingCounts[id]).thenComparing(values::get))
                .mapToInt(Integer::intValue)
                .toArray();
        int[] finalIndex = new int[values.size()];
        Arrays.fill(finalIndex, Vocabulary.UNKNOWN);
        long[] counts = new long[admitted.length + Vocabulary.FIRST_ID];
        List<String> ordered = new ArrayList<>(admitted.length);
        for (int rank = 0; rank < admitted.length; rank++) {
            int id = admitted[rank];
            finalIndex[id] = rank + Vocabulary.FIRST_ID;
            counts[rank + Vocabulary.FIRST_ID] = trainingCounts[id];
            ordered.add(values.get(id));
        }
        long unknownCount = missingTrainingCount;
        for (int id = 0; id < values.size(); id++) {
            if (finalIndex[id] == Vocabulary.UNKNOWN) {
                unknownCount += trainingCounts[id];
            }
        }
        counts[Vocabulary.UNKNOWN] = unknownCount;
        return new Encoding(new Vocabulary(ordered, counts), finalIndex);
    }

    /** The finished vocabulary and the final index of each provisional id. */
    record Encoding(Vocabulary vocabulary, int[] finalIndex) {

        /** The final index of a provisional id. */
        int indexOf(int provisionalId) {
            return provisionalId == MISSING ? Vocabulary.UNKNOWN : finalIndex[provisionalId];
        }

        /** Rewrites provisional ids into final indices, in place. */
        void remap(int[] provisionalIds) {
            for (int i = 0; i < provisionalIds.length; i++) {
                int id = provisionalIds[i];
                provisionalIds[i] = id == MISSING ? Vocabulary.UNKNOWN : finalIndex[id];
            }
        }
    }
}
