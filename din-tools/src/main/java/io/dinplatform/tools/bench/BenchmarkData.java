package io.dinplatform.tools.bench;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.SequenceColumn;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.Vocabularies;
import io.dinplatform.core.data.Vocabulary;
import io.dinplatform.core.data.builders.SamplesBuilder;
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
 *
 * <p>Goods ids can be drawn from fewer distinct values than the vocabulary holds, spread evenly over the whole
 * table: a batch then touches as many rows as one over a small vocabulary, scattered over a large table, which
 * separates the cost of the table's size from the cost of the number of rows a batch touches.
 */
final class BenchmarkData {

    private BenchmarkData() {
    }

    /**
     * @param rows          samples, all in TRAIN
     * @param historyLength T of every row
     * @param items         goods ids in the vocabulary (the table then has items + 2 rows)
     * @param drawnItems    how many distinct goods ids the samples use (at most {@code items}), spread evenly
     */
    static EncodedDataset generate(int rows, int historyLength, int users, int items, int drawnItems, int categories,
                                   long seed) {
        if (drawnItems > items) {
            throw new IllegalArgumentException(drawnItems + " drawn goods ids exceed the vocabulary of " + items);
        }
        FeatureSchema schema = SamplesBuilder.schema(historyLength);
        SplittableRandom random = new SplittableRandom(seed);
        int[] user = uniform(random, rows, users);
        int[] draws = uniform(random, rows, drawnItems);
        int[] historyDraws = uniform(random, rows * historyLength, drawnItems);
        int spacing = items / drawnItems;
        int[] item = spread(draws, spacing);
        int[] historyItems = spread(historyDraws, spacing);
        // Categories follow the draw, not the id, so that spreading the ids leaves the category column unchanged.
        int[] category = categoriesOf(draws, categories);
        int[] historyCategories = categoriesOf(historyDraws, categories);
        int[] offsets = new int[rows + 1];
        for (int r = 0; r < rows; r++) {
            offsets[r + 1] = (r + 1) * historyLength;
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

    private static int[] spread(int[] draws, int spacing) {
        int[] ids = new int[draws.length];
        for (int i = 0; i < draws.length; i++) {
            ids[i] = Vocabulary.FIRST_ID + (draws[i] - Vocabulary.FIRST_ID) * spacing;
        }
        return ids;
    }

    private static int[] categoriesOf(int[] draws, int categories) {
        int[] category = new int[draws.length];
        for (int i = 0; i < draws.length; i++) {
            category[i] = Vocabulary.FIRST_ID + draws[i] % categories;
        }
        return category;
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
