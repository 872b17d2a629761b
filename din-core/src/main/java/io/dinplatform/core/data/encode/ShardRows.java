package io.dinplatform.core.data.encode;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.SequenceColumn;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.Vocabularies;
import io.dinplatform.core.data.shard.ShardCodec;
import io.dinplatform.core.schema.FeatureSchema;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rows of the shard being filled, column by column in growable primitive arrays that are reused from one
 * shard to the next (their capacity settles at one shard's worth).
 */
final class ShardRows {

    private final FeatureSchema schema;
    private int rows;
    private float[] labels;
    private int[] groups;
    private final int[][] categorical;
    private final int[][] offsets;
    private final int[][] values;
    private final float[][] numeric;

    ShardRows(FeatureSchema schema, int expectedRows) {
        this.schema = schema;
        int capacity = Math.min(expectedRows, 1 << 12);
        labels = new float[capacity];
        groups = new int[capacity];
        categorical = new int[schema.categorical().size()][capacity];
        offsets = new int[schema.sequences().size()][capacity + 1];
        values = new int[schema.sequences().size()][capacity * 8];
        numeric = new float[schema.numeric().size()][capacity];
    }

    int rows() {
        return rows;
    }

    /** Starts a row: its label and group; the feature values follow. */
    void beginRow(int label, int group) {
        if (rows == labels.length) {
            grow(rows * 2);
        }
        labels[rows] = label;
        groups[rows] = group;
        for (int i = 0; i < offsets.length; i++) {
            offsets[i][rows + 1] = offsets[i][rows];
        }
        rows++;
    }

    void categorical(int feature, int index) {
        categorical[feature][rows - 1] = index;
    }

    void sequenceValue(int feature, int index) {
        int at = offsets[feature][rows];
        if (at == values[feature].length) {
            values[feature] = Arrays.copyOf(values[feature], at * 2);
        }
        values[feature][at] = index;
        offsets[feature][rows] = at + 1;
    }

    void numeric(int feature, float value) {
        numeric[feature][rows - 1] = value;
    }

    byte[] toBytes(Split split) {
        Map<String, int[]> categoricalColumns = new LinkedHashMap<>();
        for (int i = 0; i < categorical.length; i++) {
            categoricalColumns.put(schema.categorical().get(i).name(), Arrays.copyOf(categorical[i], rows));
        }
        Map<String, SequenceColumn> sequenceColumns = new LinkedHashMap<>();
        for (int i = 0; i < offsets.length; i++) {
            sequenceColumns.put(schema.sequences().get(i).name(), new SequenceColumn(Arrays.copyOf(offsets[i],
                    rows + 1), Arrays.copyOf(values[i], offsets[i][rows])));
        }
        Map<String, float[]> numericColumns = new LinkedHashMap<>();
        for (int i = 0; i < numeric.length; i++) {
            numericColumns.put(schema.numeric().get(i).name(), Arrays.copyOf(numeric[i], rows));
        }
        byte[] splits = new byte[rows];
        Arrays.fill(splits, (byte) split.ordinal());
        return ShardCodec.write(new EncodedDataset(schema, new Vocabularies(Map.of()), Arrays.copyOf(labels, rows),
                Arrays.copyOf(groups, rows), splits, categoricalColumns, sequenceColumns, numericColumns));
    }

    void clear() {
        rows = 0;
    }

    private void grow(int capacity) {
        labels = Arrays.copyOf(labels, capacity);
        groups = Arrays.copyOf(groups, capacity);
        for (int i = 0; i < categorical.length; i++) {
            categorical[i] = Arrays.copyOf(categorical[i], capacity);
        }
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = Arrays.copyOf(offsets[i], capacity + 1);
        }
        for (int i = 0; i < numeric.length; i++) {
            numeric[i] = Arrays.copyOf(numeric[i], capacity);
        }
    }
}
