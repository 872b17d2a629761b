package io.dinplatform.core.data.shard;

import java.io.IOException;

/**
 * Where shards, their vocabularies and manifests are kept: immutable blobs addressed by the SHA-256 of their content
 * (lower-case hex). The training worker keeps them in its artifact store; the command line in a directory.
 */
public interface ShardStore {

    /** Stores the bytes (writing the same bytes twice is harmless) and returns their SHA-256. */
    String write(byte[] content) throws IOException;

    /**
     * The bytes stored under the address.
     *
     * @throws InvalidShardException when nothing is stored there, or what is stored does not hash to the address
     */
    byte[] read(String sha256) throws IOException;
}
