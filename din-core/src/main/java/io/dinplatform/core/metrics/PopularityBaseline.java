package io.dinplatform.core.metrics;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.Vocabularies;
import io.dinplatform.core.data.Vocabulary;
import io.dinplatform.core.data.shard.Prefetcher;
import io.dinplatform.core.data.shard.ShardedDataset;
import io.dinplatform.core.data.shard.ShardsInOrder;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;

import java.util.Optional;

/**
 * The trivial baseline every model is reported beside: score each candidate by how often its item occurs in the
 * training split. A model that does not beat it has learned less than a counter, which happens easily on data
 * whose negatives are sampled from the catalogue (a popular item is then almost always a positive).
 *
 * <p>"How often" is the item's count in the model's vocabulary: the training samples that hold it, as the candidate or
 * in the history (the n_j of mini-batch aware regularization), so the baseline needs no pass over the data and a
 * bundle carries it. An item the vocabulary does not know (never in training, or below {@code minCount}) scores 0.
 * The candidate item is the feature the first history targets ({@code item_id} for {@code hist_item_id}).
 */
public final class PopularityBaseline {

    /** The name the baseline is reported under. */
    public static final String NAME = "popularity";

    private final String itemFeature;
    private final Vocabulary items;

    private PopularityBaseline(String itemFeature, Vocabulary items) {
        this.itemFeature = itemFeature;
        this.items = items;
    }

    /** The baseline of a dataset's or a bundle's vocabularies; empty when the schema has no history (no item). */
    public static Optional<PopularityBaseline> of(FeatureSchema schema, Vocabularies vocabularies) {
        return itemFeature(schema).map(item -> new PopularityBaseline(item, vocabularies.of(item)));
    }

    /** The candidate item's feature: the target of the schema's first sequence, if it has one. */
    public static Optional<String> itemFeature(FeatureSchema schema) {
        return schema.sequences().stream().findFirst().map(FeatureSpec::target);
    }

    public String itemFeature() {
        return itemFeature;
    }

    /** The score of an encoded item: its training count, 0 for the unknown index. */
    public float score(int itemIndex) {
        return itemIndex >= Vocabulary.FIRST_ID ? items.count(itemIndex) : 0f;
    }

    /** The score of a raw item value, as a samples file or a prediction instance holds it. */
    public float score(String itemValue) {
        return score(items.indexOf(itemValue));
    }

    /**
     * The baseline's AUC and GAUC on a split of a dataset encoded with these vocabularies.
     *
     * @return null when the split is empty
     */
    public BaselineMetrics evaluate(EncodedDataset data, Split split) {
        try (Prefetcher prefetcher = new Prefetcher()) {
            return evaluate(ShardedDataset.inMemory(data, ShardedDataset.DEFAULT_ROWS_PER_SHARD), split, prefetcher);
        }
    }

    /** As {@link #evaluate(EncodedDataset, Split)}, reading the split's shards in order through {@code prefetcher}. */
    public BaselineMetrics evaluate(ShardedDataset data, Split split, Prefetcher prefetcher) {
        long total = data.rows(split);
        if (total == 0) {
            return null;
        }
        float[] scores = new float[Math.toIntExact(total)];
        float[] labels = new float[scores.length];
        int[] groups = new int[scores.length];
        int n = 0;
        try (ShardsInOrder shards = new ShardsInOrder(data, split, prefetcher)) {
            while (shards.hasNext()) {
                EncodedDataset shard = shards.next();
                int[] column = shard.categorical().get(itemFeature);
                for (int row = 0; row < shard.size(); row++, n++) {
                    scores[n] = score(column[row]);
                    labels[n] = shard.labels()[row];
                    groups[n] = shard.groups()[row];
                }
            }
        }
        return BaselineMetrics.of(scores, labels, groups);
    }
}
