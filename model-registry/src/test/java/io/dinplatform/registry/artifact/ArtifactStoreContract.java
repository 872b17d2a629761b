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
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link ArtifactStore} promises, run against each implementation by a subclass: content addressed by
 * its SHA-256, atomic writes that leave nothing when discarded, verified reads, deletion.
 */
abstract class ArtifactStoreContract {

    /** The multipart tests' part size, S3's smallest. */
    static final int PART_SIZE = 5 * 1024 * 1024;

    private static final byte[] CSV = "user_id,item_id,label\n1,2,1\n3,4,0\n".getBytes(StandardCharsets.UTF_8);

    private ArtifactStore store;

    /** A new, empty store whose multipart uploads (if it has any) use {@link #PART_SIZE}. */
    abstract ArtifactStore newStore() throws Exception;

    /** Everything the store's backing holds: files, objects, unfinished uploads (none are hidden from this). */
    abstract List<String> everythingStored() throws Exception;

    /** Replaces an artifact's stored content behind the store's back, as a disk error or an intruder would. */
    abstract void tamper(String sha256, byte[] content) throws Exception;

    @BeforeEach
    void createStore() throws Exception {
        store = newStore();
    }

    @Test
    void storesContentUnderItsSha256AndReadsItBack() throws Exception {
        StoredArtifact stored = store.write(new ByteArrayInputStream(CSV));

        String sha256 = sha256Of(CSV);
        assertThat(stored).isEqualTo(new StoredArtifact(sha256, CSV.length,
                sha256.substring(0, 2) + "/" + sha256.substring(2), true));
        assertThat(store.contains(sha256)).isTrue();
        try (InputStream in = store.openVerified(sha256)) {
            assertThat(in.readAllBytes()).isEqualTo(CSV);
        }
        assertThat(store.verifiedPath(sha256)).hasBinaryContent(CSV);
        assertThat(store.verifiedPath(sha256)).as("asked again").hasBinaryContent(CSV);
    }

    @Test
    void identicalContentIsStoredOnce() throws Exception {
        StoredArtifact first = store.write(new ByteArrayInputStream(CSV));
        StoredArtifact second = store.write(new ByteArrayInputStream(CSV));

        assertThat(second.sha256()).isEqualTo(first.sha256());
        assertThat(first.newlyStored()).isTrue();
        assertThat(second.newlyStored()).isFalse();
        assertThat(everythingStored()).hasSize(1);
    }

    @Test
    void identicalLargeContentIsStoredOnce() throws Exception {
        byte[] content = randomBytes(PART_SIZE + 1000, 7);
        StoredArtifact first = store.write(new ByteArrayInputStream(content));
        StoredArtifact second = store.write(new ByteArrayInputStream(content));

        assertThat(second.newlyStored()).isFalse();
        assertThat(everythingStored()).as("no staged copy left either").hasSize(1);
        assertThat(store.verifiedPath(first.sha256())).hasBinaryContent(content);
    }

    @Test
    void contentOfSeveralPartsRoundTrips() throws Exception {
        byte[] content = randomBytes(2 * PART_SIZE + PART_SIZE / 2, 1);

        StoredArtifact stored;
        try (StagedArtifact staged = store.stage()) {
            // written in uneven pieces, as a stream copy does
            for (int offset = 0; offset < content.length; offset += 300_007) {
                staged.content().write(content, offset, Math.min(300_007, content.length - offset));
            }
            stored = staged.commit();
        }

        assertThat(stored.sha256()).isEqualTo(sha256Of(content));
        assertThat(stored.sizeBytes()).isEqualTo(content.length);
        try (InputStream in = store.openVerified(stored.sha256())) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(store.verifiedPath(stored.sha256())).hasBinaryContent(content);
        assertThat(everythingStored()).as("the artifact and nothing staged").hasSize(1);
    }

    @Test
    void contentOfExactlyWholePartsRoundTrips() throws Exception {
        byte[] content = randomBytes(2 * PART_SIZE, 2);

        StoredArtifact stored = store.write(new ByteArrayInputStream(content));

        assertThat(store.verifiedPath(stored.sha256())).hasBinaryContent(content);
    }

    @Test
    void emptyContentIsAnArtifactToo() throws Exception {
        StoredArtifact stored = store.write(InputStream.nullInputStream());

        assertThat(stored.sizeBytes()).isZero();
        try (InputStream in = store.openVerified(stored.sha256())) {
            assertThat(in.readAllBytes()).isEmpty();
        }
    }

    @Test
    void aStagedArtifactIsInvisibleUntilItsCommit() throws Exception {
        try (StagedArtifact staged = store.stage()) {
            staged.content().write(CSV);
            assertThat(store.contains(sha256Of(CSV))).isFalse();
            staged.commit();
            assertThatThrownBy(() -> staged.content().write(1)).isInstanceOf(IOException.class)
                    .hasMessageContaining("committed");
        }
        assertThat(store.contains(sha256Of(CSV))).as("closing after the commit keeps it").isTrue();
    }

    @Test
    void aDiscardedSmallArtifactLeavesNothing() throws Exception {
        StagedArtifact staged = store.stage();
        staged.content().write(CSV);
        staged.close();
        staged.close();

        assertThat(everythingStored()).isEmpty();
        assertThatThrownBy(staged::commit).isInstanceOf(IOException.class).hasMessageContaining("discarded");
    }

    @Test
    void aDiscardedArtifactOfSeveralPartsLeavesNoObjectNoStagedCopyAndNoUpload() throws Exception {
        try (StagedArtifact staged = store.stage()) {
            staged.content().write(randomBytes(2 * PART_SIZE + 10, 3));
            assertThat(everythingStored()).as("staged while written").isNotEmpty();
        }

        assertThat(everythingStored()).isEmpty();
    }

    @Test
    void aSourceThatFailsMidwayLeavesNothing() {
        InputStream breaksMidway = new SequenceInputStream(new ByteArrayInputStream(randomBytes(PART_SIZE + 10, 4)),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("connection reset by the client");
                    }
                });

        assertThatThrownBy(() -> store.write(breaksMidway)).hasMessageContaining("connection reset");
        assertThat(everythingStoredUnchecked()).isEmpty();
    }

    @Test
    void tamperedContentFailsEveryVerifiedRead() throws Exception {
        byte[] original = "1,2,1\n3,4,0\n".getBytes(StandardCharsets.UTF_8);
        StoredArtifact stored = store.write(new ByteArrayInputStream(original));
        tamper(stored.sha256(), "1,2,1\n3,4,1\n".getBytes(StandardCharsets.UTF_8)); // one flipped label

        try (InputStream in = store.openVerified(stored.sha256())) {
            assertThatThrownBy(() -> in.transferTo(OutputStream.nullOutputStream()))
                    .isInstanceOf(ArtifactIntegrityException.class).hasMessageContaining(stored.sha256());
            assertThatThrownBy(in::read).as("the failure repeats instead of a clean end")
                    .isInstanceOf(ArtifactIntegrityException.class);
        }
        assertThatThrownBy(() -> store.verifiedPath(stored.sha256()))
                .isInstanceOf(ArtifactIntegrityException.class).hasMessageContaining("corrupt");
    }

    @Test
    void aMissingArtifactIsReportedAsSuch() throws Exception {
        String absent = sha256Of("never stored".getBytes(StandardCharsets.UTF_8));

        assertThat(store.contains(absent)).isFalse();
        assertThatThrownBy(() -> store.openVerified(absent)).isInstanceOf(ArtifactNotFoundException.class);
        assertThatThrownBy(() -> store.verifiedPath(absent)).isInstanceOf(ArtifactNotFoundException.class);
        assertThat(store.delete(absent)).isFalse();
    }

    @Test
    void deleteRemovesAnArtifact() throws Exception {
        StoredArtifact stored = store.write(new ByteArrayInputStream(CSV));
        store.verifiedPath(stored.sha256());

        assertThat(store.delete(stored.sha256())).isTrue();

        assertThat(store.contains(stored.sha256())).isFalse();
        assertThatThrownBy(() -> store.openVerified(stored.sha256())).isInstanceOf(ArtifactNotFoundException.class);
        assertThatThrownBy(() -> store.verifiedPath(stored.sha256())).isInstanceOf(ArtifactNotFoundException.class);
        assertThat(store.delete(stored.sha256())).isFalse();
        assertThat(everythingStored()).isEmpty();
    }

    @Test
    void onlyWellFormedAddressesBecomeKeys() {
        assertThatThrownBy(() -> store.openVerified("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete("A".repeat(64))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHealthyStorePassesItsProbe() throws Exception {
        store.probe();
    }

    ArtifactStore store() {
        return store;
    }

    private List<String> everythingStoredUnchecked() {
        try {
            return everythingStored();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String sha256Of(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static List<String> filesUnder(Path root) throws IOException {
        try (var files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(Path::toString).toList();
        }
    }
}
