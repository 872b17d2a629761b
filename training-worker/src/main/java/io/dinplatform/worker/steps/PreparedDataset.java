package io.dinplatform.worker.steps;

import java.time.Duration;

import io.dinplatform.core.data.shard.ShardedDataset;
import io.dinplatform.registry.dataset.DatasetVersion;

/**
 * A run's dataset, ready to train on.
 *
 * @param version     the catalog's record of the dataset version (name, number, SHA-256)
 * @param shards      the samples encoded with vocabularies built on its training split, as stored shards
 * @param encodingKey what the shards are the encoding of (data and vocabulary settings)
 * @param reused      whether the shards were encoded earlier (by any run on any worker) and only read now
 * @param prepareTime how long preparing took: the encoding, or finding and opening the earlier one
 */
public record PreparedDataset(DatasetVersion version, ShardedDataset shards, String encodingKey, boolean reused,
                              Duration prepareTime) {
}
