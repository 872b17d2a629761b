package io.dinplatform.core.data.encode;

import io.dinplatform.core.data.CompactStrings;
import io.dinplatform.core.data.Vocabulary;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Collects the raw values of one embedding table during the single pass over a file: each distinct value gets a
 * provisional id in order of appearance, and the training rows in which it occurs are counted: once per row, however
 * often the row holds it (as the candidate and in the history, or several times in the history), which is the n_j
 * of mini-batch aware regularization, the number of training samples in which id j occurs. Once the pass is over,
 * {@link #build(int)} turns that into the final {@link Vocabulary} and the map from provisional to final indices.
 *
 * <p>The values are {@link CompactStrings}, looked up by a range of a larger string (a history cell) without cutting
 * it out first, and the counts are primitive arrays indexed by provisional id: a distinct value costs its bytes and
 * about 30 bytes beside them, and no string is made, not even for a value seen for the first time. That keeps the
 * counting pass over millions of rows free of garbage and its memory a small multiple of the distinct values' bytes.
 */
final class VocabularyBuilder {

    /** The provisional id of a missing (empty) value: it always encodes as {@link Vocabulary#UNKNOWN}. */
    static final int MISSING = -1;

    private final CompactStrings values = new CompactStrings(1 << 9, 1 << 12);
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
        int id = values.intern(text, start, end);
        if (id == trainingCounts.length) {
            trainingCounts = Arrays.copyOf(trainingCounts, 2 * id);
            countedInRow = Arrays.copyOf(countedInRow, 2 * id);
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
        int id = values.indexOf(text, start, end);
        if (id == CompactStrings.ABSENT) {
            throw new IllegalStateException("value '" + text.substring(start, end) + "' was not in the first pass");
        }
        return id;
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
                .sorted((a, b) -> trainingCounts[a] != trainingCounts[b]
                        ? Long.compare(trainingCounts[b], trainingCounts[a])
                        : values.compare(a, b))
                .mapToInt(Integer::intValue)
                .toArray();
        int[] finalIndex = new int[values.size()];
        Arrays.fill(finalIndex, Vocabulary.UNKNOWN);
        long[] counts = new long[admitted.length + Vocabulary.FIRST_ID];
        CompactStrings ordered = new CompactStrings(admitted.length, bytesOf(admitted));
        for (int rank = 0; rank < admitted.length; rank++) {
            int id = admitted[rank];
            finalIndex[id] = rank + Vocabulary.FIRST_ID;
            counts[rank + Vocabulary.FIRST_ID] = trainingCounts[id];
            ordered.addCopyOf(values, id);
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

    private int bytesOf(int[] ids) {
        long bytes = 0;
        for (int id : ids) {
            bytes += values.bytesOf(id);
        }
        return (int) Math.min(bytes, Integer.MAX_VALUE - 16);
    }

    /** The final index of a provisional id, by the map {@link Encoding#finalIndex()} gives. */
    static int finalIndexOf(int[] finalIndex, int provisionalId) {
        return provisionalId == MISSING ? Vocabulary.UNKNOWN : finalIndex[provisionalId];
    }

    /** The finished vocabulary and the final index of each provisional id. */
    record Encoding(Vocabulary vocabulary, int[] finalIndex) {

        /** The final index of a provisional id. */
        int indexOf(int provisionalId) {
            return finalIndexOf(finalIndex, provisionalId);
        }

        /** Rewrites provisional ids into final indices, in place. */
        void remap(int[] provisionalIds) {
            for (int i = 0; i < provisionalIds.length; i++) {
                provisionalIds[i] = finalIndexOf(finalIndex, provisionalIds[i]);
            }
        }
    }
}
