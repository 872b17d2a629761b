package io.dinplatform.core.data.encode;

import io.dinplatform.core.data.Vocabulary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Collects the raw values of one embedding table during the single pass over a file: each distinct value gets a
 * provisional id in order of appearance, and occurrences in training rows are counted. Once the pass is over,
 * {@link #build(int)} turns that into the final {@link Vocabulary} and the map from provisional to final indices.
 */
final class VocabularyBuilder {

    /** The provisional id of a missing (empty) value: it always encodes as {@link Vocabulary#UNKNOWN}. */
    static final int MISSING = -1;

    private final Map<String, Integer> idByValue = new HashMap<>();
    private final List<String> values = new ArrayList<>();
    private long[] trainingCounts = new long[256];
    private long missingTrainingCount;

    /** The provisional id of a raw value, counting the occurrence when the row is a training row. */
    int intern(String value, boolean training) {
        if (value.isEmpty()) {
            if (training) {
                missingTrainingCount++;
            }
            return MISSING;
        }
        Integer id = idByValue.get(value);
        if (id == null) {
            id = values.size();
            idByValue.put(value, id);
            values.add(value);
            if (id == trainingCounts.length) {
                trainingCounts = Arrays.copyOf(trainingCounts, id * 2);
            }
        }
        if (training) {
            trainingCounts[id]++;
        }
        return id;
    }

    /**
     * The vocabulary of the values seen at least {@code minCount} times in training rows, ordered by descending count
     * then by value (so it is deterministic), and the final index of every provisional id. Values below the minimum,
     * and values seen only outside training, become {@link Vocabulary#UNKNOWN}, whose count gathers their training
     * occurrences and the missing values'.
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

        /** Rewrites provisional ids into final indices, in place. */
        void remap(int[] provisionalIds) {
            for (int i = 0; i < provisionalIds.length; i++) {
                int id = provisionalIds[i];
                provisionalIds[i] = id == MISSING ? Vocabulary.UNKNOWN : finalIndex[id];
            }
        }
    }
}
