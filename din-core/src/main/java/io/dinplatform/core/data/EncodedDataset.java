package io.dinplatform.core.data;

import io.dinplatform.core.schema.FeatureSchema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A samples dataset after encoding: columns of primitive arrays, one entry per row, no per-sample objects, so its
 * memory is linear in the number of values.
 *
 * @param schema       the schema it was encoded with
 * @param vocabularies one per categorical feature (sequences use their target's), built on the training split
 * @param labels       0 or 1 per row
 * @param groups       a dense group id per row, for GAUC
 * @param splits       the {@link Split} ordinal per row
 * @param categorical  feature name to the index per row
 * @param sequences    sequence feature name to its column
 * @param numeric      feature name to the value per row
 */
public record EncodedDataset(FeatureSchema schema, Vocabularies vocabularies, float[] labels, int[] groups,
                             byte[] splits, Map<String, int[]> categorical, Map<String, SequenceColumn> sequences,
                             Map<String, float[]> numeric) {

    public EncodedDataset {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(vocabularies, "vocabularies");
        categorical = Map.copyOf(categorical);
        sequences = Map.copyOf(sequences);
        numeric = Map.copyOf(numeric);
    }

    /**
     * The rows of the parts one after the other, in order: what a serving batch scores when it merges several
     * requests' encoded instances. Group ids stay distinct between parts (a group never spans two requests).
     *
     * @param parts encoded with one schema and one set of vocabularies (the same model)
     * @throws IllegalArgumentException when the parts were encoded for different models, or there are none
     */
    public static EncodedDataset concatenate(List<EncodedDataset> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to concatenate");
        }
        EncodedDataset first = parts.get(0);
        if (parts.size() == 1) {
            return first;
        }
        for (EncodedDataset part : parts) {
            if (part.schema != first.schema || part.vocabularies != first.vocabularies) {
                throw new IllegalArgumentException("the parts were encoded for different models");
            }
        }
        int rows = parts.stream().mapToInt(EncodedDataset::size).sum();
        float[] labels = new float[rows];
        int[] groups = new int[rows];
        byte[] splits = new byte[rows];
        int at = 0;
        int groupOffset = 0;
        for (EncodedDataset part : parts) {
            System.arraycopy(part.labels, 0, labels, at, part.size());
            System.arraycopy(part.splits, 0, splits, at, part.size());
            int largestGroup = -1;
            for (int r = 0; r < part.size(); r++) {
                groups[at + r] = groupOffset + part.groups[r];
                largestGroup = Math.max(largestGroup, part.groups[r]);
            }
            groupOffset += largestGroup + 1;
            at += part.size();
        }
        return new EncodedDataset(first.schema, first.vocabularies, labels, groups, splits,
                columns(parts, EncodedDataset::categorical, EncodedDataset::concatenateInts),
                columns(parts, EncodedDataset::sequences, SequenceColumn::concatenate),
                columns(parts, EncodedDataset::numeric, EncodedDataset::concatenateFloats));
    }

    /**
     * A new dataset of {@code rows[from..to)} of this one, in that order, with their group ids unchanged: a shard cut
     * out of a dataset held in memory, or a mini-batch gathered from two windows of shards.
     */
    public EncodedDataset select(int[] rows, int from, int to) {
        int n = to - from;
        float[] selectedLabels = new float[n];
        int[] selectedGroups = new int[n];
        byte[] selectedSplits = new byte[n];
        for (int i = 0; i < n; i++) {
            int r = rows[from + i];
            selectedLabels[i] = labels[r];
            selectedGroups[i] = groups[r];
            selectedSplits[i] = splits[r];
        }
        Map<String, int[]> selectedCategorical = new LinkedHashMap<>();
        categorical.forEach((feature, column) -> {
            int[] values = new int[n];
            for (int i = 0; i < n; i++) {
                values[i] = column[rows[from + i]];
            }
            selectedCategorical.put(feature, values);
        });
        Map<String, SequenceColumn> selectedSequences = new LinkedHashMap<>();
        sequences.forEach((feature, column) -> selectedSequences.put(feature, column.select(rows, from, to)));
        Map<String, float[]> selectedNumeric = new LinkedHashMap<>();
        numeric.forEach((feature, column) -> {
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = column[rows[from + i]];
            }
            selectedNumeric.put(feature, values);
        });
        return new EncodedDataset(schema, vocabularies, selectedLabels, selectedGroups, selectedSplits,
                selectedCategorical, selectedSequences, selectedNumeric);
    }

    public int size() {
        return labels.length;
    }

    public Split split(int row) {
        return Split.values()[splits[row]];
    }

    /** The rows of one split, in file order. */
    public int[] rowsOf(Split split) {
        byte wanted = (byte) split.ordinal();
        int n = 0;
        for (byte s : splits) {
            if (s == wanted) {
                n++;
            }
        }
        int[] rows = new int[n];
        int i = 0;
        for (int r = 0; r < splits.length; r++) {
            if (splits[r] == wanted) {
                rows[i++] = r;
            }
        }
        return rows;
    }

    private static <C> Map<String, C> columns(List<EncodedDataset> parts,
                                              Function<EncodedDataset, Map<String, C>> columnsOf,
                                              Function<List<C>, C> concatenate) {
        Map<String, C> merged = new LinkedHashMap<>();
        for (String feature : columnsOf.apply(parts.get(0)).keySet()) {
            merged.put(feature, concatenate.apply(parts.stream().map(p -> columnsOf.apply(p).get(feature)).toList()));
        }
        return merged;
    }

    private static int[] concatenateInts(List<int[]> columns) {
        int[] merged = new int[columns.stream().mapToInt(c -> c.length).sum()];
        int at = 0;
        for (int[] column : columns) {
            System.arraycopy(column, 0, merged, at, column.length);
            at += column.length;
        }
        return merged;
    }

    private static float[] concatenateFloats(List<float[]> columns) {
        float[] merged = new float[columns.stream().mapToInt(c -> c.length).sum()];
        int at = 0;
        for (float[] column : columns) {
            System.arraycopy(column, 0, merged, at, column.length);
            at += column.length;
        }
        return merged;
    }
}
