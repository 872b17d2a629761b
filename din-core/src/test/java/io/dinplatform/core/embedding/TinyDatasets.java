package io.dinplatform.core.embedding;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.SequenceColumn;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.Vocabularies;
import io.dinplatform.core.data.Vocabulary;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Small hand-built encoded datasets for engine tests: a user, a candidate item and its category, aligned histories
 * of items and categories, and one numeric feature. The label is planted: a click is likely when the candidate's
 * category occurs in the history, so a model can learn something in a few epochs.
 */
public final class TinyDatasets {

    public static final FeatureSchema SCHEMA = new FeatureSchema("label", "user_id", null, null, List.of(
            FeatureSpec.categorical("user_id"),
            FeatureSpec.categorical("item_id"),
            FeatureSpec.categorical("cate_id"),
            FeatureSpec.sequence("hist_item_id", "item_id", 6),
            FeatureSpec.sequence("hist_cate_id", "cate_id", 6),
            FeatureSpec.numeric("price")));

    private TinyDatasets() {
    }

    /**
     * @param rows  number of samples; the first 70 % are TRAIN, the next 15 % VALID, the rest TEST
     * @param users distinct users
     * @param items distinct items (each belongs to category item % categories)
     */
    public static EncodedDataset generate(int rows, int users, int items, int categories, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] labels = new float[rows];
        int[] groups = new int[rows];
        byte[] splits = new byte[rows];
        int[] user = new int[rows];
        int[] item = new int[rows];
        int[] cate = new int[rows];
        float[] price = new float[rows];
        int[] offsets = new int[rows + 1];
        List<Integer> histItems = new ArrayList<>();
        List<Integer> histCates = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            user[r] = Vocabulary.FIRST_ID + random.nextInt(users);
            groups[r] = user[r];
            item[r] = Vocabulary.FIRST_ID + random.nextInt(items);
            cate[r] = categoryOf(item[r], categories);
            price[r] = (float) random.nextDouble();
            int length = random.nextInt(7); // 0..6, so some rows have an empty history
            boolean match = false;
            for (int t = 0; t < length; t++) {
                int h = Vocabulary.FIRST_ID + random.nextInt(items);
                histItems.add(h);
                histCates.add(categoryOf(h, categories));
                match |= categoryOf(h, categories) == cate[r];
            }
            offsets[r + 1] = histItems.size();
            labels[r] = random.nextDouble() < (match ? 0.8 : 0.2) ? 1f : 0f;
            splits[r] = (byte) (r < rows * 0.7 ? Split.TRAIN : r < rows * 0.85 ? Split.VALID : Split.TEST).ordinal();
        }
        Map<String, int[]> categorical = new LinkedHashMap<>();
        categorical.put("user_id", user);
        categorical.put("item_id", item);
        categorical.put("cate_id", cate);
        Map<String, SequenceColumn> sequences = Map.of(
                "hist_item_id", new SequenceColumn(offsets, toArray(histItems)),
                "hist_cate_id", new SequenceColumn(offsets.clone(), toArray(histCates)));
        Map<String, Vocabulary> vocabularies = new LinkedHashMap<>();
        vocabularies.put("user_id", vocabulary("u", users, user, null, splits));
        vocabularies.put("item_id", vocabulary("i", items, item, sequences.get("hist_item_id"), splits));
        vocabularies.put("cate_id", vocabulary("c", categories, cate, sequences.get("hist_cate_id"), splits));
        return new EncodedDataset(SCHEMA, new Vocabularies(vocabularies), labels, groups, splits, categorical,
                sequences, Map.of("price", price));
    }

    private static int categoryOf(int item, int categories) {
        return Vocabulary.FIRST_ID + item % categories;
    }

    /** Values "prefix0".."prefixN-1" with counts taken from the training rows (candidates and histories). */
    private static Vocabulary vocabulary(String prefix, int size, int[] column, SequenceColumn sequence,
                                         byte[] splits) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            values.add(prefix + i);
        }
        long[] counts = new long[size + Vocabulary.FIRST_ID];
        for (int r = 0; r < column.length; r++) {
            if (splits[r] != Split.TRAIN.ordinal()) {
                continue;
            }
            counts[column[r]]++;
            if (sequence != null) {
                for (int k = sequence.start(r); k < sequence.start(r) + sequence.length(r); k++) {
                    counts[sequence.values()[k]]++;
                }
            }
        }
        return new Vocabulary(values, counts);
    }

    private static int[] toArray(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}
