package io.dinplatform.core.data.shard;

import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.encode.ShardedDatasetEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A damaged shard is refused with a message that names it, before any of its rows is used. */
class CorruptShardTest {

    @TempDir
    Path directory;

    @Test
    void aTamperedShardIsRefusedAsCorrupt() throws IOException {
        StoredShards stored = encode();
        Path file = shardFile(stored, 1);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);

        assertThatThrownBy(() -> stored.shard(Split.TRAIN, 1))
                .isInstanceOf(InvalidShardException.class)
                .hasMessageContaining("shard 2 of " + stored.shardRows(Split.TRAIN).length + " of the TRAIN split")
                .hasMessageContaining("is corrupt");
        assertThat(stored.shard(Split.TRAIN, 0).size()).as("the others still read").isEqualTo(64);
    }

    @Test
    void aTruncatedShardIsRefusedAsCorrupt() throws IOException {
        StoredShards stored = encode();
        Path file = shardFile(stored, 0);
        Files.write(file, Arrays.copyOf(Files.readAllBytes(file), 100));

        assertThatThrownBy(() -> stored.shard(Split.TRAIN, 0))
                .isInstanceOf(InvalidShardException.class)
                .hasMessageContaining("is corrupt: its 100 bytes hash to");
    }

    @Test
    void aMissingShardIsRefused() throws IOException {
        StoredShards stored = encode();
        Files.delete(shardFile(stored, 0));

        assertThatThrownBy(() -> stored.shard(Split.TRAIN, 0))
                .isInstanceOf(InvalidShardException.class)
                .hasMessageContaining("cannot be read: no shard file");
    }

    @Test
    void truncatedBytesDoNotDecodeWhateverTheirHash() throws IOException {
        StoredShards stored = encode();
        byte[] bytes = Files.readAllBytes(shardFile(stored, 0));
        for (int length : new int[] {0, 10, 30, bytes.length / 2, bytes.length - 1}) {
            assertThatThrownBy(() -> ShardCodec.read(Arrays.copyOf(bytes, length), Split.TRAIN,
                    ShardRoundTripTest.SCHEMA, stored.vocabularies()))
                    .as("%d of %d bytes", length, bytes.length)
                    .isInstanceOf(InvalidShardException.class);
        }
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 4);
        assertThatThrownBy(() -> ShardCodec.read(longer, Split.TRAIN, ShardRoundTripTest.SCHEMA,
                stored.vocabularies())).isInstanceOf(InvalidShardException.class)
                .hasMessageContaining("not an Arrow IPC file");
    }

    private StoredShards encode() throws IOException {
        Path samples = ShardRoundTripTest.writeSamples(directory.resolve("samples.csv"), 500, 5);
        ShardStore store = new DirectoryShardStore(directory.resolve("shards"));
        ShardedDatasetEncoder encoder = new ShardedDatasetEncoder(ShardRoundTripTest.SCHEMA, 64);
        return StoredShards.open(ShardRoundTripTest.SCHEMA, encoder.encode(samples, encoder.key("x"), store), store);
    }

    private Path shardFile(StoredShards stored, int index) {
        return directory.resolve("shards").resolve(stored.manifest().shards(Split.TRAIN).get(index).sha256());
    }
}
