package io.dinplatform.core.data.encode;

import io.dinplatform.core.data.GroupSplitter;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.schema.FeatureKind;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSchemaValidator;
import io.dinplatform.core.schema.FeatureSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * How a dataset is encoded into shards for scoring (a batch prediction) rather than for training: the same
 * {@link ShardedDatasetEncoder}, with settings that keep everything a model trained elsewhere may need.
 *
 * <ul>
 *   <li>Every row goes to {@link #SPLIT}, so the shards hold the rows in file order: a row's number is its position.
 *   <li>Every value gets an id of its own (a minimum count of 1, every row counted as a training row), so the raw
 *       value of every id can be looked up again and translated into any model's vocabulary; only a missing (empty)
 *       value is unknown.
 *   <li>Histories keep their newest {@link FeatureSchemaValidator#MAX_SEQUENCE_LENGTH} values, the longest any model
 *       keeps, so a model cuts them to its own length exactly as it cuts a raw history.
 *   <li>The group column is a categorical feature (added when it is a column outside the features), so its raw
 *       value can be decoded for the result.
 *   <li>The split column is ignored.
 * </ul>
 *
 * <p>None of this depends on a model, so every batch prediction over a dataset version shares one encoding.
 */
public final class ScoringEncoding {

    /** The split that holds every row. */
    public static final Split SPLIT = Split.TRAIN;

    /** Puts every group into {@link #SPLIT}. */
    static final GroupSplitter ONE_SPLIT = new GroupSplitter(0, 0, 0);

    private ScoringEncoding() {
    }

    /** The encoder of a dataset with this schema for scoring. */
    public static ShardedDatasetEncoder encoder(FeatureSchema dataset, int rowsPerShard) {
        return new ShardedDatasetEncoder(schemaOf(dataset), ONE_SPLIT, rowsPerShard);
    }

    /** The schema the scoring shards of a dataset with this schema are encoded with and read back by. */
    public static FeatureSchema schemaOf(FeatureSchema dataset) {
        String group = dataset.effectiveGroup();
        List<FeatureSpec> features = new ArrayList<>();
        for (FeatureSpec feature : dataset.features()) {
            features.add(switch (feature.kind()) {
                case CATEGORICAL -> FeatureSpec.categorical(feature.name());
                case SEQUENCE -> FeatureSpec.sequence(feature.name(), feature.target(),
                        FeatureSchemaValidator.MAX_SEQUENCE_LENGTH);
                case NUMERIC -> FeatureSpec.numeric(feature.name());
            });
        }
        if (dataset.feature(group).filter(f -> f.kind() == FeatureKind.CATEGORICAL).isEmpty()) {
            features.add(FeatureSpec.categorical(group));
        }
        return new FeatureSchema(dataset.label(), group, null, dataset.sequenceDelimiter(), features);
    }
}
