package io.dinplatform.core.data.shard;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.Vocabularies;
import io.dinplatform.core.schema.FeatureSchema;

import java.io.IOException;

/**
 * An encoded dataset as shards: per split, a list of small {@link EncodedDataset}s in file order, of which a reader
 * holds only a bounded few at a time. Training and evaluation read every dataset this way: stored shards
 * ({@link StoredShards}) for data larger than memory, or a dataset already in memory cut into shards
 * ({@link #inMemory}) for small data, tests and benchmarks.
 */
public interface ShardedDataset {

    /** Rows per shard unless a setting says otherwise: about 16 MiB of columns at a history of 50. */
    int DEFAULT_ROWS_PER_SHARD = 65_536;

    FeatureSchema schema();

    Vocabularies vocabularies();

    /** The rows of each shard of the split, in order (empty when the split has no rows). */
    int[] shardRows(Split split);

    /**
     * Loads one shard of a split; every row in it belongs to that split. Safe to call from another thread (the
     * readers fetch the next shard in the background).
     *
     * @throws InvalidShardException when the shard is missing, corrupt or does not decode
     */
    EncodedDataset shard(Split split, int index) throws IOException;

    /** The rows of a split. */
    default long rows(Split split) {
        long rows = 0;
        for (int n : shardRows(split)) {
            rows += n;
        }
        return rows;
    }

    /** A dataset held in memory, cut into shards of {@code rowsPerShard} rows of each split in file order. */
    static ShardedDataset inMemory(EncodedDataset data, int rowsPerShard) {
        return new InMemoryShards(data, rowsPerShard);
    }
}
