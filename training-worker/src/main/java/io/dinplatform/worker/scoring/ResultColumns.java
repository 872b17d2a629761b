package io.dinplatform.worker.scoring;

import java.util.List;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.Vocabulary;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;

/**
 * The raw values a line of the result shows besides the score: the row's group, its candidate item and its label,
 * decoded from the scoring shards' vocabularies, which give every raw value an id of its own (a missing value reads
 * back as the empty string it was).
 */
final class ResultColumns {

    private final String groupFeature;
    private final String itemFeature;
    private final Vocabulary groups;
    private final Vocabulary items;

    private ResultColumns(String groupFeature, String itemFeature, Vocabulary groups, Vocabulary items) {
        this.groupFeature = groupFeature;
        this.itemFeature = itemFeature;
        this.groups = groups;
        this.items = items;
    }

    /** The columns of rows encoded like this shard. */
    static ResultColumns of(EncodedDataset shard) {
        FeatureSchema schema = shard.schema();
        String group = schema.effectiveGroup();
        String item = itemFeature(schema);
        return new ResultColumns(group, item, shard.vocabularies().of(group),
                item == null ? null : shard.vocabularies().of(item));
    }

    /** The feature that names the candidate item in the result: the target of the first history, if any. */
    static String itemFeature(FeatureSchema schema) {
        if (!schema.sequenceTargets().isEmpty()) {
            return schema.sequenceTargets().get(0).name();
        }
        return schema.categorical().stream().map(FeatureSpec::name).filter(n -> !n.equals(schema.effectiveGroup()))
                .findFirst().orElse(null);
    }

    /** The line of a scored row. */
    ScoredRow line(ShardRow row, float score, List<String> unknownFeatures) {
        EncodedDataset shard = row.shard();
        int i = row.index();
        String group = raw(groups, shard.categorical().get(groupFeature)[i]);
        String item = items == null ? "" : raw(items, shard.categorical().get(itemFeature)[i]);
        String label = Integer.toString((int) shard.labels()[i]);
        return new ScoredRow(row.row(), group, item, score, label, unknownFeatures);
    }

    private static String raw(Vocabulary vocabulary, int id) {
        String value = vocabulary.valueAt(id);
        return value == null ? "" : value;
    }
}
