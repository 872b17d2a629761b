package io.dinplatform.core.data.shard;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.Vocabularies;
import io.dinplatform.core.schema.FeatureSchema;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The shards of a {@link ShardManifest}, read from a {@link ShardStore} one at a time: each shard's bytes are
 * hashed against the manifest's address before they are decoded, so a truncated or altered shard fails with
 * {@link InvalidShardException} naming it, whatever store it came from.
 */
public final class StoredShards implements ShardedDataset {

    private final FeatureSchema schema;
    private final Vocabularies vocabularies;
    private final ShardManifest manifest;
    private final ShardStore store;

    private StoredShards(FeatureSchema schema, Vocabularies vocabularies, ShardManifest manifest, ShardStore store) {
        this.schema = schema;
        this.vocabularies = vocabularies;
        this.manifest = manifest;
        this.store = store;
    }

    /** Opens a stored dataset: reads its manifest and vocabularies (the shards are read when asked for). */
    public static StoredShards open(FeatureSchema schema, String manifestSha256, ShardStore store)
            throws IOException {
        ShardManifest manifest = ShardManifest.fromJson(verified(store, manifestSha256, "the manifest"));
        return open(schema, manifest, store);
    }

    /** A dataset whose manifest is at hand (it was just written). */
    public static StoredShards open(FeatureSchema schema, ShardManifest manifest, ShardStore store)
            throws IOException {
        byte[] vocabularies = verified(store, manifest.vocabulariesSha256(), "the vocabularies");
        return new StoredShards(schema, VocabulariesCodec.read(vocabularies), manifest, store);
    }

    public ShardManifest manifest() {
        return manifest;
    }

    @Override
    public FeatureSchema schema() {
        return schema;
    }

    @Override
    public Vocabularies vocabularies() {
        return vocabularies;
    }

    @Override
    public int[] shardRows(Split split) {
        return manifest.shards(split).stream().mapToInt(ShardRef::rows).toArray();
    }

    @Override
    public EncodedDataset shard(Split split, int index) throws IOException {
        List<ShardRef> shards = manifest.shards(split);
        ShardRef ref = shards.get(index);
        String name = "shard " + (index + 1) + " of " + shards.size() + " of the " + split + " split (" + ref.sha256()
                + ")";
        byte[] bytes = verified(store, ref.sha256(), name);
        EncodedDataset shard;
        try {
            shard = ShardCodec.read(bytes, split, schema, vocabularies);
        } catch (InvalidShardException e) {
            throw new InvalidShardException(name + " does not decode: " + e.getMessage());
        }
        if (shard.size() != ref.rows()) {
            throw new InvalidShardException(name + " holds " + shard.size() + " rows, its manifest says "
                    + ref.rows());
        }
        return shard;
    }

    /** Stores vocabularies with the shards and returns their address, for a {@link ShardManifest}. */
    public static String writeVocabularies(Vocabularies vocabularies, ShardStore store) throws IOException {
        return store.write(VocabulariesCodec.write(vocabularies));
    }

    /** SHA-256 in lower-case hex. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static byte[] verified(ShardStore store, String sha256, String what) throws IOException {
        byte[] bytes;
        try {
            bytes = store.read(sha256);
        } catch (InvalidShardException e) {
            throw new InvalidShardException(what + " cannot be read: " + e.getMessage());
        }
        String actual = sha256(bytes);
        if (!actual.equals(sha256)) {
            throw new InvalidShardException(what + " is corrupt: its " + bytes.length + " bytes hash to " + actual);
        }
        return bytes;
    }
}
