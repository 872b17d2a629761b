package io.dinplatform.core.data;

import io.dinplatform.core.schema.FeatureSchema;

import java.util.Map;
import java.util.Objects;

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
}
