package io.dinplatform.core.data.shard;

/**
 * One shard of a manifest.
 *
 * @param sha256 the address of its bytes in the {@link ShardStore}
 * @param rows   the rows it holds
 */
public record ShardRef(String sha256, int rows) {
}
