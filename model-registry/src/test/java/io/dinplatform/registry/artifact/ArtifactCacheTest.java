package io.dinplatform.registry.artifact;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.dinplatform.registry.artifact.ArtifactStoreContract.randomBytes;
import static io.dinplatform.registry.artifact.ArtifactStoreContract.sha256Of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArtifactCacheTest {

    private static final int SIZE = 1000;

    @TempDir
    Path directory;

    /** A remote store's verified reads, counting the downloads. */
    private final Map<String, byte[]> remote = new HashMap<>();
    private final Map<String, Integer> downloads = new HashMap<>();
    private final ArtifactCache.Source source = sha256 -> {
        byte[] content = remote.get(sha256);
        if (content == null) {
            throw new ArtifactNotFoundException(sha256);
        }
        downloads.merge(sha256, 1, Integer::sum);
        return new VerifyingInputStream(new ByteArrayInputStream(content), sha256);
    };

    @Test
    void downloadsAnArtifactOnceAndServesItFromDiskAfter() throws Exception {
        ArtifactCache cache = new ArtifactCache(directory, 10 * SIZE);
        String a = remoteArtifact(1);

        Path first = cache.verifiedPath(a, source);
        Path second = cache.verifiedPath(a, source);

        assertThat(second).isEqualTo(first).hasBinaryContent(remote.get(a));
        assertThat(downloads.get(a)).isEqualTo(1);
        assertThat(cache.cachedBytes()).isEqualTo(SIZE);
    }

    @Test
    void evictsTheLeastRecentlyUsedWhenANewArtifactPassesTheBound() throws Exception {
        ArtifactCache cache = new ArtifactCache(directory, 3 * SIZE);
        String a = remoteArtifact(1);
        String b = remoteArtifact(2);
        String c = remoteArtifact(3);
        String d = remoteArtifact(4);
        cache.verifiedPath(a, source);
        cache.verifiedPath(b, source);
        cache.verifiedPath(c, source);
        cache.verifiedPath(a, source); // b is now the least recently used

        cache.verifiedPath(d, source);

        assertThat(cachedArtifacts()).containsExactlyInAnyOrder(a, c, d);
        assertThat(cache.cachedBytes()).isEqualTo(3 * SIZE);
        cache.verifiedPath(b, source);
        assertThat(downloads.get(b)).as("downloaded again after its eviction").isEqualTo(2);
        assertThat(cachedArtifacts()).containsExactlyInAnyOrder(a, d, b);
    }

    @Test
    void anArtifactLargerThanTheBoundIsStillServed() throws Exception {
        ArtifactCache cache = new ArtifactCache(directory, SIZE / 2);
        String a = remoteArtifact(1);

        assertThat(cache.verifiedPath(a, source)).hasBinaryContent(remote.get(a));
    }

    @Test
    void aCorruptCachedFileIsDetectedAndDownloadedAgain() throws Exception {
        ArtifactCache cache = new ArtifactCache(directory, 10 * SIZE);
        String a = remoteArtifact(1);
        Path file = cache.verifiedPath(a, source);
        byte[] damaged = remote.get(a).clone();
        damaged[500] ^= 1;
        Files.write(file, damaged);

        assertThat(cache.verifiedPath(a, source)).hasBinaryContent(remote.get(a));
        assertThat(downloads.get(a)).isEqualTo(2);
    }

    @Test
    void contentThatDoesNotMatchItsAddressNeverBecomesVisible() throws Exception {
        ArtifactCache cache = new ArtifactCache(directory, 10 * SIZE);
        String a = remoteArtifact(1);
        remote.put(a, randomBytes(SIZE, 99)); // the remote copy is corrupt

        assertThatThrownBy(() -> cache.verifiedPath(a, source)).isInstanceOf(ArtifactIntegrityException.class);
        assertThat(directory).isEmptyDirectory();
        assertThat(cache.cachedBytes()).isZero();
    }

    @Test
    void aRestartKeepsTheCachedFilesAndRemovesUnfinishedDownloads() throws Exception {
        String a = remoteArtifact(1);
        new ArtifactCache(directory, 10 * SIZE).verifiedPath(a, source);
        Files.write(directory.resolve(".filling-left-by-a-crash"), new byte[10]);

        ArtifactCache restarted = new ArtifactCache(directory, 10 * SIZE);

        assertThat(restarted.cachedBytes()).isEqualTo(SIZE);
        assertThat(restarted.verifiedPath(a, source)).hasBinaryContent(remote.get(a));
        assertThat(downloads.get(a)).isEqualTo(1);
        assertThat(cachedArtifacts()).containsExactly(a);
    }

    @Test
    void removeDropsTheCachedFile() throws Exception {
        ArtifactCache cache = new ArtifactCache(directory, 10 * SIZE);
        String a = remoteArtifact(1);
        cache.verifiedPath(a, source);

        cache.remove(a);

        assertThat(directory).isEmptyDirectory();
        assertThat(cache.cachedBytes()).isZero();
    }

    private String remoteArtifact(long seed) {
        byte[] content = randomBytes(SIZE, seed);
        String sha256 = sha256Of(content);
        remote.put(sha256, content);
        return sha256;
    }

    private List<String> cachedArtifacts() throws IOException {
        try (var files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }
}
