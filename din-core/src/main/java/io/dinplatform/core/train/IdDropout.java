package io.dinplatform.core.train;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.Vocabulary;
import io.dinplatform.core.data.shard.Prefetcher;
import io.dinplatform.core.data.shard.ShardedDataset;
import io.dinplatform.core.data.shard.ShardsInOrder;
import io.dinplatform.core.embedding.IndexBatch;
import io.dinplatform.core.schema.FeatureKind;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;

import java.nio.LongBuffer;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Id dropout: in a training mini-batch, each id of a categorical feature is replaced by {@link Vocabulary#UNKNOWN}
 * with the feature's probability p, so that the unknown row (and the layers above it) is trained on the samples it
 * stands for at serving time: ids the training split never held.
 *
 * <p>Why: vocabularies come from the training split, so where the split guarantees unseen ids (a split by group,
 * where no user of the validation or test split is in training) every evaluated user maps to the unknown row; with
 * {@code minCount} 1 no training sample holds it, and it would keep its random initial value. Ids below
 * {@code minCount} already fold into that row and train it; dropout does the same for the ids that will be new.
 *
 * <p>p per feature: the run's {@code training.idDropout}, else the schema's {@code idDropout}, else the default:
 * {@value #DEFAULT_GROUP_SPLIT} for the group feature of a dataset split by group (no group in two splits, as
 * {@code GroupSplitter} and the builders' user splits make it), 0 for every other feature. Only the feature's own
 * column drops out; the sequences that share its table keep their ids (the row they would train is the same).
 *
 * <p>Deterministic: the ids a batch drops depend only on the seed, the epoch and the batch's position, so a resumed
 * run drops the same ones.
 */
public final class IdDropout {

    /** The group feature's p in a dataset split by group, when neither the run nor the schema sets one. */
    public static final float DEFAULT_GROUP_SPLIT = 0.1f;

    private final Map<String, Float> probabilities;

    private IdDropout(Map<String, Float> probabilities) {
        this.probabilities = Collections.unmodifiableMap(probabilities);
    }

    /**
     * The probabilities for a dataset and a run, resolved as the class comment says.
     *
     * @throws IllegalArgumentException when the run names a feature that is not a categorical feature of the schema
     */
    public static IdDropout of(EncodedDataset data, Map<String, Float> perRun) {
        try (Prefetcher prefetcher = new Prefetcher()) {
            return of(ShardedDataset.inMemory(data, ShardedDataset.DEFAULT_ROWS_PER_SHARD), perRun, prefetcher);
        }
    }

    /** As {@link #of(EncodedDataset, Map)}, for a dataset read as shards (fetched by {@code prefetcher}). */
    public static IdDropout of(ShardedDataset data, Map<String, Float> perRun, Prefetcher prefetcher) {
        FeatureSchema schema = data.schema();
        perRun.keySet().forEach(name -> {
            if (schema.feature(name).map(f -> f.kind() != FeatureKind.CATEGORICAL).orElse(true)) {
                throw new IllegalArgumentException("training.idDropout." + name + ": the dataset's schema has no "
                        + "categorical feature '" + name + "'");
            }
        });
        Map<String, Float> probabilities = new LinkedHashMap<>();
        for (FeatureSpec feature : schema.categorical()) {
            float p = perRun.containsKey(feature.name()) ? perRun.get(feature.name())
                    : feature.idDropout() != null ? feature.idDropout()
                    : feature.name().equals(schema.effectiveGroup()) && splitByGroup(data, prefetcher)
                    ? DEFAULT_GROUP_SPLIT : 0f;
            if (p > 0f) {
                probabilities.put(feature.name(), p);
            }
        }
        return new IdDropout(probabilities);
    }

    /**
     * True when every group's rows lie in one split, so that the evaluation splits hold only unseen groups. It reads
     * the group column of every shard once (only when no setting gives the group feature's p).
     */
    static boolean splitByGroup(ShardedDataset data, Prefetcher prefetcher) {
        Map<Integer, Split> splitOfGroup = new HashMap<>();
        for (Split split : Split.values()) {
            try (ShardsInOrder shards = new ShardsInOrder(data, split, prefetcher)) {
                while (shards.hasNext()) {
                    for (int group : shards.next().groups()) {
                        if (splitOfGroup.computeIfAbsent(group, g -> split) != split) {
                            return false;
                        }
                    }
                }
            }
        }
        return data.rows(Split.VALID) + data.rows(Split.TEST) > 0;
    }

    /** The features that drop out and their p; a feature not listed keeps every id. */
    public Map<String, Float> probabilities() {
        return probabilities;
    }

    /**
     * Replaces ids of the batch's categorical features by the unknown index, in place, each with its feature's p.
     *
     * @param seed  the run's seed
     * @param epoch the epoch, from 0
     * @param batch the batch's position in its epoch, from 0
     */
    public void apply(IndexBatch indices, long seed, int epoch, int batch) {
        if (probabilities.isEmpty()) {
            return;
        }
        long position = ((long) epoch << 32) | (batch & 0xFFFFFFFFL);
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ position * 0xBF58476D1CE4E5B9L);
        probabilities.forEach((feature, p) -> {
            LongBuffer ids = indices.categoricalIds(feature);
            for (int i = 0; i < indices.size(); i++) {
                if (random.nextDouble() < p) {
                    ids.put(i, Vocabulary.UNKNOWN);
                }
            }
        });
    }
}
