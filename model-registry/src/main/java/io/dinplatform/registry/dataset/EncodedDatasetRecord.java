package io.dinplatform.registry.dataset;

import java.time.Instant;

/**
 * The catalog's record of a dataset encoded into shards.
 *
 * @param encodingKey    what was encoded and how (see {@code encoded_datasets} in the migrations)
 * @param dataSha256     the encoded data file's artifact
 * @param manifestSha256 the artifact listing the shards and vocabularies
 * @param rows           rows encoded, all splits
 * @param shards         shards written, all splits
 * @param encodeMillis   how long the encoding took
 * @param createdAt      when it was recorded
 */
public record EncodedDatasetRecord(String encodingKey, String dataSha256, String manifestSha256, long rows, int shards,
                             long encodeMillis, Instant createdAt) {
}
