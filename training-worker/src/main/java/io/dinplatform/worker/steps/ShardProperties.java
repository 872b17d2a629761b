package io.dinplatform.worker.steps;

import io.dinplatform.core.data.shard.ShardedDataset;
import io.dinplatform.core.train.Trainer;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the worker encodes datasets into shards and reads them back ({@code din.worker.shards.*}).
 *
 * @param rowsPerShard      rows per shard of a training or a scoring encoding (65,536 by default: about 16 MiB at a
 *                          history of 50). Part of the encoding key, so changing it encodes datasets again
 * @param shuffleBufferRows rows an epoch shuffles together (262,144 by default: four shards): shards are read in an
 *                          order shuffled per epoch and the rows of each window of consecutive shards up to this many
 *                          rows are shuffled together. Memory holds about two windows of encoded rows. A run resumed
 *                          from a checkpoint keeps the buffer it started with
 */
@ConfigurationProperties("din.worker.shards")
public record ShardProperties(
        @DefaultValue("" + ShardedDataset.DEFAULT_ROWS_PER_SHARD) int rowsPerShard,
        @DefaultValue("" + Trainer.DEFAULT_SHUFFLE_BUFFER_ROWS) int shuffleBufferRows) {

    public ShardProperties {
        if (rowsPerShard < 1) {
            throw new IllegalArgumentException("din.worker.shards.rows-per-shard must be positive, got "
                    + rowsPerShard);
        }
        if (shuffleBufferRows < 1) {
            throw new IllegalArgumentException("din.worker.shards.shuffle-buffer-rows must be positive, got "
                    + shuffleBufferRows);
        }
    }
}
