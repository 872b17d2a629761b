package io.dinplatform.core.data.shard;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.Vocabularies;
import io.dinplatform.core.schema.FeatureSchema;

import java.util.EnumMap;
import java.util.Map;

/** An {@link EncodedDataset} in memory seen as shards: each shard is a copy of a run of one split's rows. */
final class InMemoryShards implements ShardedDataset {

    private final EncodedDataset data;
    private final int rowsPerShard;
    private final Map<Split, int[]> rowsOf = new EnumMap<>(Split.class);

    InMemoryShards(EncodedDataset data, int rowsPerShard) {
        if (rowsPerShard < 1) {
            throw new IllegalArgumentException("rows per shard must be positive, got " + rowsPerShard);
        }
        this.data = data;
        this.rowsPerShard = rowsPerShard;
        for (Split split : Split.values()) {
            rowsOf.put(split, data.rowsOf(split));
        }
    }

    @Override
    public FeatureSchema schema() {
        return data.schema();
    }

    @Override
    public Vocabularies vocabularies() {
        return data.vocabularies();
    }

    @Override
    public int[] shardRows(Split split) {
        int rows = rowsOf.get(split).length;
        int[] shards = new int[(rows + rowsPerShard - 1) / rowsPerShard];
        for (int i = 0; i < shards.length; i++) {
            shards[i] = Math.min(rowsPerShard, rows - i * rowsPerShard);
        }
        return shards;
    }

    @Override
    public EncodedDataset shard(Split split, int index) {
        int[] rows = rowsOf.get(split);
        int from = index * rowsPerShard;
        if (index < 0 || from >= rows.length) {
            throw new IndexOutOfBoundsException("split " + split + " has no shard " + index);
        }
        return data.select(rows, from, Math.min(from + rowsPerShard, rows.length));
    }
}
