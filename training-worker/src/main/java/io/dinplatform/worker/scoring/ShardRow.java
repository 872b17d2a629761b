package io.dinplatform.worker.scoring;

import io.dinplatform.core.data.EncodedDataset;

/**
 * One row of the dataset to score: a row of one of its scoring shards, in the dataset's ids.
 *
 * @param row   the data row number in the dataset (1 = the first row after the header, counted across its files)
 * @param shard the shard that holds it
 * @param index its row in the shard
 */
public record ShardRow(long row, EncodedDataset shard, int index) {
}
