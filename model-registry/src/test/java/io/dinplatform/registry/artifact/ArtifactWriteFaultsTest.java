package io.dinplatform.registry.artifact;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * File-system errors while an artifact is written (a source failing midway is in {@link DirectoryArtifactStoreTest}),
 * each provoked for real and none that running as root could bypass: each surfaces as an IOException that names the
 * store and the reason, and leaves the store as it was, with no partial artifact under any address and no temporary
 * file.
 */
class ArtifactWriteFaultsTest {

    private static final byte[] CONTENT = "user_id,item_id,label\n1,2,1\n".getBytes(StandardCharsets.UTF_8);
    private static final long TINY_DISK_BYTES = 64 * 1024;

    @TempDir
    Path root;

    @Test
    void aShardDirectoryThatCannotBeCreatedLeavesNothing() throws IOException {
        DirectoryArtifactStore store = new DirectoryArtifactStore(root);
        String sha256 = sha256Of(CONTENT);
        // a file where the artifact's shard directory belongs: the rename cannot happen
        Path blocker = Files.writeString(root.resolve(sha256.substring(0, 2)), "not a directory");

        assertThatThrownBy(() -> store.write(new ByteArrayInputStream(CONTENT))).isInstanceOf(IOException.class)
                .hasMessageContaining(sha256.substring(0, 2));

        assertThat(filesUnder(root)).as("files left in the store").containsExactly(blocker);
        assertThat(store.contains(sha256)).isFalse();
    }

    @Test
    void aFullDiskIsAClearErrorAndLeavesNothing() throws IOException {
        byte[] largerThanTheDisk = randomBytes(16 * TINY_DISK_BYTES);
        try (PrivateTmpfs disk = PrivateTmpfs.mount(root.resolve("disk"), TINY_DISK_BYTES)) {
            DirectoryArtifactStore store = new DirectoryArtifactStore(disk.root().resolve("artifacts"));

            assertThatThrownBy(() -> store.write(new ByteArrayInputStream(largerThanTheDisk)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(store.root().toString())
                    .hasMessageContaining("No space left on device");

            assertThat(filesUnder(store.root())).as("files left in the store").isEmpty();
            assertThat(store.contains(sha256Of(largerThanTheDisk))).isFalse();
            // the failed write gave its space back: a small artifact still fits
            StoredArtifact small = store.write(new ByteArrayInputStream(CONTENT));
            assertThat(filesUnder(store.root())).containsExactly(store.root().resolve(small.storageKey()));
        }
    }

    @Test
    void aRootThatBecameARegularFileIsAClearErrorAndLeavesNothing() throws IOException {
        DirectoryArtifactStore store = new DirectoryArtifactStore(root.resolve("artifacts"));
        // the directory is gone and a file took its place (say, a volume that was not mounted and then was)
        Files.delete(store.root());
        Files.writeString(store.root(), "not a directory");

        assertThatThrownBy(() -> store.write(new ByteArrayInputStream(CONTENT)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(store.root().toString())
                .hasMessageContaining("Not a directory");

        assertThat(filesUnder(root)).as("files left").containsExactly(store.root());
        assertThat(Files.readString(store.root())).isEqualTo("not a directory");
        assertThat(store.contains(sha256Of(CONTENT))).isFalse();
    }

    @Test
    void aStoreCannotBeOpenedOnARegularFile() throws IOException {
        Path file = Files.writeString(root.resolve("artifacts"), "not a directory");

        assertThatThrownBy(() -> new DirectoryArtifactStore(file)).isInstanceOf(NotDirectoryException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not a directory");
        assertThat(Files.readString(file)).isEqualTo("not a directory");
    }

    private static List<Path> filesUnder(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static byte[] randomBytes(long length) {
        byte[] bytes = new byte[Math.toIntExact(length)];
        new Random(8).nextBytes(bytes);
        return bytes;
    }

    private static String sha256Of(byte[] content) {
        java.security.MessageDigest digest = Sha256.newDigest();
        digest.update(content);
        return Sha256.hex(digest);
    }
}
