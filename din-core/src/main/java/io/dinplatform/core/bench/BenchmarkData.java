package io.dinplatform.core.bench;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.SequenceColumn;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.Vocabularies;
import io.dinplatform.core.data.Vocabulary;
import io.dinplatform.core.data.build.SamplesBuilder;
import io.dinplatform.core.schema.FeatureSchema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Encoded samples of the benchmark's shape: the schema of the dataset builders (user; goods and category, each with
 * its history), every history exactly {@code historyLength} long, ids drawn uniformly from vocabularies of a chosen
 * size. Labels are random: the benchmark measures speed, not learning.
 */
final class BenchmarkData {

    private BenchmarkData() {
    }

    /**
     * @param rows          samples, all in TRAIN
     * @param historyLength T of every row
     * @param items         goods ids in the vocabulary (the table then has items + 2 rows)
     */
    static EncodedDataset generate(int rows, int historyLength, int users, int items, int categories, long seed) {
        FeatureSchema schema = SamplesBuilder.schema(historyLength);
        SplittableRandom random = new SplittableRandom(seed);
        int[] user = uniform(random, rows, users);
        int[] item = uniform(random, rows, items);
        int[] category = new int[rows];
        int[] offsets = new int[rows + 1];
        int[] historyItems = uniform(random, rows * historyLength, items);
        int[] historyCategories = new int[rows * historyLength];
        for (int r = 0; r < rows; r++) {
            category[r] = categoryOf(item[r], categories);
            offsets[r + 1] = (r + 1) * historyLength;
        }
        for (int i = 0; i < historyItems.length; i++) {
            historyCategories[i] = categoryOf(historyItems[i], categories);
        }
        float[] labels = new float[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = random.nextBoolean() ? 1f : 0f;
        }
        Map<String, Vocabulary> vocabularies = new LinkedHashMap<>();
        vocabularies.put(SamplesBuilder.USER, vocabulary("u", users));
        vocabularies.put(SamplesBuilder.ITEM, vocabulary("i", items));
        vocabularies.put(SamplesBuilder.CATEGORY, vocabulary("c", categories));
        Map<String, int[]> categorical = new LinkedHashMap<>();
        categorical.put(SamplesBuilder.USER, user);
        categorical.put(SamplesBuilder.ITEM, item);
        categorical.put(SamplesBuilder.CATEGORY, category);
        Map<String, SequenceColumn> sequences = Map.of(
                SamplesBuilder.HISTORY_ITEMS, new SequenceColumn(offsets, historyItems),
                SamplesBuilder.HISTORY_CATEGORIES, new SequenceColumn(offsets, historyCategories));
        byte[] splits = new byte[rows];
        Arrays.fill(splits, (byte) Split.TRAIN.ordinal());
        return new EncodedDataset(schema, new Vocabularies(vocabularies), labels, user.clone(), splits, categorical,
                sequences, Map.of());
    }

    private static int[] uniform(SplittableRandom random, int count, int bound) {
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            ids[i] = Vocabulary.FIRST_ID + random.nextInt(bound);
        }
        return ids;
    }

    private static int categoryOf(int item, int categories) {
        return Vocabulary.FIRST_ID + item % categories;
    }

    /** Every id seen 10 times in training (n_j only scales the MBA term). */
    private static Vocabulary vocabulary(String prefix, int size) {
        List<String> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(prefix + i);
        }
        long[] counts = new long[size + Vocabulary.FIRST_ID];
        Arrays.fill(counts, Vocabulary.FIRST_ID, counts.length, 10);
        return new Vocabulary(values, counts);
    }
}
