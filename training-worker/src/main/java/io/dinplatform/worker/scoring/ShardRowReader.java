package io.dinplatform.worker.scoring;

import java.io.IOException;
import java.util.Arrays;
import java.util.function.Supplier;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.encode.ScoringEncoding;
import io.dinplatform.core.data.shard.StoredShards;
import io.dinplatform.worker.lease.PermanentJobFailure;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Hands out one partition's range of the rows of a dataset version's scoring shards, one at a time: it starts in
 * the shard that holds the range's first row, and holds one shard in memory at a time (the data never is whole).
 * It saves no position: a partition's part is one staged artifact, so a partition that executes again starts over
 * from its first row.
 *
 * <p>A shard found missing or corrupt fails the partition with a retryable error and makes its encoding forgotten,
 * so that the next attempt encodes the version again.
 */
public class ShardRowReader extends AbstractItemCountingItemStreamItemReader<ShardRow> {

    /** The name under which the reader's position would be saved in the step's execution context. */
    static final String NAME = "shardRows";

    private final Supplier<StoredShards> opening;
    private final long firstRow;
    private final long rowCount;
    private StoredShards shards;
    private int shardIndex;
    private EncodedDataset shard;
    private int next;
    private long handedOut;

    /**
     * @param opening  opens the version's scoring shards (when the step opens)
     * @param firstRow how many data rows come before the range
     * @param rowCount the rows of the range
     */
    public ShardRowReader(Supplier<StoredShards> opening, long firstRow, long rowCount) {
        this.opening = opening;
        this.firstRow = firstRow;
        this.rowCount = rowCount;
        setName(NAME);
        setSaveState(false);
    }

    @Override
    protected void doOpen() {
        shards = opening.get();
        int[] shardRows = shards.shardRows(ScoringEncoding.SPLIT);
        long total = Arrays.stream(shardRows).asLongStream().sum();
        if (firstRow + rowCount > total) {
            throw new PermanentJobFailure("the dataset has " + total + " rows, fewer than the "
                    + (firstRow + rowCount) + " this partition ends at");
        }
        long before = 0;
        shardIndex = 0;
        while (shardIndex < shardRows.length && before + shardRows[shardIndex] <= firstRow) {
            before += shardRows[shardIndex++];
        }
        next = (int) (firstRow - before);
        shard = null;
        handedOut = 0;
    }

    @Override
    protected ShardRow doRead() throws IOException {
        if (handedOut == rowCount) {
            return null;
        }
        if (shard == null) {
            shard = shards.shard(ScoringEncoding.SPLIT, shardIndex);
        } else if (next == shard.size()) {
            shard = shards.shard(ScoringEncoding.SPLIT, ++shardIndex);
            next = 0;
        }
        handedOut++;
        return new ShardRow(firstRow + handedOut, shard, next++);
    }

    @Override
    protected void doClose() {
        shard = null;
        shards = null;
    }
}
