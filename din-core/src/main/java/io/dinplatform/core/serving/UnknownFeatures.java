package io.dinplatform.core.serving;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.SequenceColumn;
import io.dinplatform.core.data.Vocabulary;
import io.dinplatform.core.schema.FeatureKind;
import io.dinplatform.core.schema.FeatureSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Which features of an encoded instance hold an id the model's vocabulary does not know: a value never seen in
 * training, seen fewer than {@code minCount} times, or missing. Such an id is scored with the feature's unknown row,
 * so a client can tell a score for a known user from the score for "some user".
 */
public final class UnknownFeatures {

    private UnknownFeatures() {
    }

    /**
     * The names of the row's features that encoded to {@link Vocabulary#UNKNOWN}, in schema order: a categorical
     * feature whose id is unknown, a sequence feature holding at least one unknown id.
     */
    public static List<String> of(EncodedDataset data, int row) {
        List<String> unknown = new ArrayList<>(0);
        for (FeatureSpec feature : data.schema().features()) {
            if (feature.kind() == FeatureKind.CATEGORICAL
                    && data.categorical().get(feature.name())[row] == Vocabulary.UNKNOWN) {
                unknown.add(feature.name());
            } else if (feature.kind() == FeatureKind.SEQUENCE
                    && holdsUnknown(data.sequences().get(feature.name()), row)) {
                unknown.add(feature.name());
            }
        }
        return unknown;
    }

    /** {@link #of} for every row, in order. */
    public static List<List<String>> ofEveryRow(EncodedDataset data) {
        List<List<String>> rows = new ArrayList<>(data.size());
        for (int r = 0; r < data.size(); r++) {
            rows.add(of(data, r));
        }
        return rows;
    }

    private static boolean holdsUnknown(SequenceColumn column, int row) {
        for (int i = column.start(row); i < column.start(row) + column.length(row); i++) {
            if (column.values()[i] == Vocabulary.UNKNOWN) {
                return true;
            }
        }
        return false;
    }
}
