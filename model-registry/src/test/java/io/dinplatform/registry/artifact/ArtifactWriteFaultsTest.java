package io.dinplatform.registry.artifact;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * File-system errors while an artifact is written (a source failing midway is in {@link DirectoryArtifactStoreTest}):
 * each surfaces as an IOException that says what failed, and leaves the store as it was, with no partial artifact
 * under any address and no temporary file.
 */
class ArtifactWriteFaultsTest {

    private static final byte[] CONTENT = "user_id,item_id,label\n1,2,1\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path root;

    @Test
    void aShardDirectoryThatCannotBeCreatedLeavesNothing() throws IOException {
        DirectoryArtifactStore store = new DirectoryArtifactStore(root);
        String sha256 = Sha256.hex(digestOf(CONTENT));
        // a file where the artifact's shard directory belongs: the rename cannot happen
        Path blocker = Files.writeString(root.resolve(sha256.substring(0, 2)), "not a directory");

        assertThatThrownBy(() -> store.write(new ByteArrayInputStream(CONTENT))).isInstanceOf(IOException.class)
                .hasMessageContaining(sha256.substring(0, 2));

        assertThat(files()).as("files left in the store").containsExactly(blocker);
        assertThat(store.contains(sha256)).isFalse();
    }

    @Test
    void anUnwritableStoreIsAClearErrorAndLeavesNothing() throws IOException {
        Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
                "SKIPPED LOUDLY: running as root, which writes into read-only directories anyway; run the tests "
                        + "as an ordinary user to check an unwritable artifact store");
        DirectoryArtifactStore store = new DirectoryArtifactStore(root);
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertThatThrownBy(() -> store.write(new ByteArrayInputStream(CONTENT)))
                    .isInstanceOf(IOException.class).hasMessageContaining(root.toString());
            assertThat(files()).isEmpty();
        } finally {
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static java.security.MessageDigest digestOf(byte[] content) {
        java.security.MessageDigest digest = Sha256.newDigest();
        digest.update(content);
        return digest;
    }
}
