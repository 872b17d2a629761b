package io.dinplatform.registry.artifact;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DirectoryArtifactStoreTest {

    @TempDir
    Path root;

    @Test
    void storesContentUnderItsSha256AndReadsItBack() throws Exception {
        DirectoryArtifactStore store = new DirectoryArtifactStore(root);
        byte[] content = "user_id,item_id,label\n1,2,1\n".getBytes(StandardCharsets.UTF_8);

        StoredArtifact stored = store.write(new ByteArrayInputStream(content));

        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        assertThat(stored.sha256()).isEqualTo(expected);
        assertThat(stored.sizeBytes()).isEqualTo(content.length);
        assertThat(stored.newlyStored()).isTrue();
        assertThat(stored.storageKey()).isEqualTo(expected.substring(0, 2) + "/" + expected.substring(2));
        assertThat(root.resolve(stored.storageKey())).hasBinaryContent(content);
        try (InputStream in = store.openVerified(expected)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(store.verifiedPath(expected)).isEqualTo(root.resolve(stored.storageKey()));
    }

    @Test
    void identicalContentIsStoredOnce() throws Exception {
        DirectoryArtifactStore store = new DirectoryArtifactStore(root);
        StoredArtifact first = store.write(new ByteArrayInputStream(new byte[]{1, 2, 3}));
        StoredArtifact second = store.write(new ByteArrayInputStream(new byte[]{1, 2, 3}));

        assertThat(second.sha256()).isEqualTo(first.sha256());
        assertThat(second.newlyStored()).isFalse();
        assertThat(filesUnder(root)).hasSize(1);
    }

    @Test
    void corruptedContentIsRefusedWhenRead() throws Exception {
        DirectoryArtifactStore store = new DirectoryArtifactStore(root);
        StoredArtifact stored = store.write(new ByteArrayInputStream("1,2,1\n3,4,0\n".getBytes(StandardCharsets.UTF_8)));
        Files.writeString(root.resolve(stored.storageKey()), "1,2,1\n3,4,1\n"); // one flipped label, same length

        assertThatThrownBy(() -> store.verifiedPath(stored.sha256()))
                .isInstanceOf(ArtifactIntegrityException.class)
                .hasMessageContaining(stored.sha256()).hasMessageContaining("corrupt");
        try (InputStream in = store.openVerified(stored.sha256())) {
            assertThatThrownBy(() -> in.transferTo(OutputStream.nullOutputStream()))
                    .isInstanceOf(ArtifactIntegrityException.class);
            assertThatThrownBy(in::read).as("the failure repeats instead of a clean end")
                    .isInstanceOf(ArtifactIntegrityException.class);
        }
    }

    @Test
    void aFailedWriteLeavesNeitherATemporaryFileNorAnArtifact() throws Exception {
        DirectoryArtifactStore store = new DirectoryArtifactStore(root);
        InputStream breaksMidway = new SequenceInputStream(new ByteArrayInputStream(new byte[100_000]),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("connection reset by the client");
                    }
                });

        assertThatThrownBy(() -> store.write(breaksMidway)).hasMessageContaining("connection reset");
        assertThat(filesUnder(root)).isEmpty();
    }

    @Test
    void aStagedArtifactIsInvisibleUntilItsCommitAndThenLiesUnderItsSha256() throws Exception {
        DirectoryArtifactStore store = new DirectoryArtifactStore(root);
        byte[] content = "user_id,item_id,label\n1,2,1\n".getBytes(StandardCharsets.UTF_8);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));

        try (StagedArtifact staged = store.stage()) {
            staged.content().write(content, 0, 10);
            staged.content().write(content, 10, content.length - 10);
            assertThat(store.contains(sha256)).as("visible before its commit").isFalse();

            StoredArtifact stored = staged.commit();

            assertThat(stored.sha256()).isEqualTo(sha256);
            assertThat(stored.sizeBytes()).isEqualTo(content.length);
            assertThat(stored.newlyStored()).isTrue();
            assertThatThrownBy(() -> staged.content().write(1)).isInstanceOf(IOException.class)
                    .hasMessageContaining("committed");
        }
        try (InputStream in = store.openVerified(sha256)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(filesUnder(root)).as("closing after the commit keeps the artifact")
                .containsExactly(root.resolve(store.storageKey(sha256)));
    }

    @Test
    void aStagedArtifactClosedWithoutACommitLeavesNothing() throws Exception {
        DirectoryArtifactStore store = new DirectoryArtifactStore(root);

        StagedArtifact staged = store.stage();
        staged.content().write(new byte[200_000]);
        staged.close();
        staged.close();

        assertThat(filesUnder(root)).isEmpty();
        assertThatThrownBy(staged::commit).isInstanceOf(IOException.class).hasMessageContaining("discarded");
    }

    @Test
    void stagingContentThatIsAlreadyStoredKeepsTheOneCopy() throws Exception {
        DirectoryArtifactStore store = new DirectoryArtifactStore(root);
        StoredArtifact first = store.write(new ByteArrayInputStream(new byte[] {4, 5, 6}));

        StoredArtifact second;
        try (StagedArtifact staged = store.stage()) {
            staged.content().write(new byte[] {4, 5, 6});
            second = staged.commit();
        }

        assertThat(second.sha256()).isEqualTo(first.sha256());
        assertThat(second.newlyStored()).isFalse();
        assertThat(filesUnder(root)).containsExactly(root.resolve(first.storageKey()));
    }

    @Test
    void aMissingArtifactIsReportedAndDeleteRemovesOne() throws Exception {
        DirectoryArtifactStore store = new DirectoryArtifactStore(root);
        StoredArtifact stored = store.write(new ByteArrayInputStream(new byte[]{42}));

        assertThat(store.delete(stored.sha256())).isTrue();
        assertThat(store.contains(stored.sha256())).isFalse();
        assertThat(store.delete(stored.sha256())).isFalse();
        assertThatThrownBy(() -> store.openVerified(stored.sha256())).isInstanceOf(ArtifactNotFoundException.class);
    }

    @Test
    void onlyWellFormedAddressesBecomePaths() throws Exception {
        DirectoryArtifactStore store = new DirectoryArtifactStore(root);
        assertThatThrownBy(() -> store.openVerified("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete("A".repeat(64))).isInstanceOf(IllegalArgumentException.class);
    }

    private static java.util.List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
