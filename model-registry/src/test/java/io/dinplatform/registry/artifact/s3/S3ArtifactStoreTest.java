package io.dinplatform.registry.artifact.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import io.dinplatform.registry.artifact.ArtifactCache;
import io.dinplatform.registry.artifact.ArtifactStoreUnavailableException;
import io.dinplatform.registry.artifact.StagedArtifact;
import io.dinplatform.registry.artifact.StoredArtifact;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What only the S3 store does: its key layout, the cleanup of abandoned writes, its faults. */
class S3ArtifactStoreTest {

    private static final DataSize PART_SIZE = DataSize.ofMegabytes(5);
    private static final byte[] CSV = "user_id,item_id,label\n1,2,1\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path serverDirectory;
    private static S3TestServer server;

    @TempDir
    Path cacheDirectory;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3TestServer.start(serverDirectory);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void artifactsLieUnderTheKeyPrefixInTheDirectoryStoresLayout() throws Exception {
        try (S3ArtifactStore store = store("tenant-a", Clock.systemUTC())) {
            StoredArtifact stored = store.write(new ByteArrayInputStream(CSV));

            assertThat(objectsUnder("tenant-a/")).containsExactly("tenant-a/" + stored.storageKey());
            assertThat(stored.storageKey()).isEqualTo(stored.sha256().substring(0, 2) + "/"
                    + stored.sha256().substring(2));
        }
    }

    @Test
    void writesThatADeadProcessLeftAreRemovedOnceExpired() throws Exception {
        try (S3ArtifactStore store = store("abandoned", Clock.systemUTC())) {
            StagedArtifact neverFinished = store.stage(); // its process dies: never committed, never closed
            neverFinished.content().write(randomBytes((int) PART_SIZE.toBytes() + 10));
            putObject("abandoned/staging/completed-but-never-copied", CSV);
            List<String> abandoned = objectsUnder("abandoned/");
            assertThat(abandoned).as("an upload and a staged object").hasSizeGreaterThanOrEqualTo(2);

            assertThat(store.removeStagedOlderThan(Duration.ofDays(1))).as("too young to be abandoned").isZero();
            assertThat(objectsUnder("abandoned/")).isEqualTo(abandoned);

            try (S3ArtifactStore twoDaysLater = store("abandoned",
                    Clock.offset(Clock.systemUTC(), Duration.ofDays(2)))) {
                assertThat(twoDaysLater.removeStagedOlderThan(Duration.ofDays(1))).isEqualTo(2);
            }
            assertThat(objectsUnder("abandoned/")).isEmpty();
        }
    }

    @Test
    void anUnreachableStoreIsAnErrorThatNamesTheStore(@TempDir Path otherServerDirectory) throws Exception {
        S3TestServer stopped = S3TestServer.start(otherServerDirectory);
        S3ArtifactStoreProperties properties = stopped.properties("", PART_SIZE);
        stopped.close();
        try (S3ArtifactStore store = new S3ArtifactStore(S3ClientFactory.create(properties), properties,
                new ArtifactCache(cacheDirectory, DataSize.ofMegabytes(100).toBytes()))) {

            assertThatThrownBy(() -> store.write(new ByteArrayInputStream(CSV)))
                    .isInstanceOf(ArtifactStoreUnavailableException.class)
                    .hasMessageContaining(stopped.endpoint()).hasMessageContaining(S3TestServer.BUCKET);
            assertThatThrownBy(store::probe).isInstanceOf(ArtifactStoreUnavailableException.class)
                    .hasMessageContaining(stopped.endpoint());
            String sha256 = "0".repeat(64);
            assertThatThrownBy(() -> store.openVerified(sha256)).isInstanceOf(ArtifactStoreUnavailableException.class);
            assertThatThrownBy(() -> store.verifiedPath(sha256)).isInstanceOf(ArtifactStoreUnavailableException.class);
        }
    }

    @Test
    void wrongCredentialsAreRefused() throws Exception {
        S3ArtifactStoreProperties good = server.properties("", PART_SIZE);
        S3ArtifactStoreProperties wrongSecret = new S3ArtifactStoreProperties(good.endpoint(), good.region(),
                good.bucket(), "", true, good.accessKeyId(), "not-the-secret", PART_SIZE, Duration.ofDays(1));
        try (S3ArtifactStore store = new S3ArtifactStore(S3ClientFactory.create(wrongSecret), wrongSecret,
                new ArtifactCache(cacheDirectory, DataSize.ofMegabytes(100).toBytes()))) {

            assertThatThrownBy(() -> store.write(new ByteArrayInputStream(CSV)))
                    .isInstanceOf(ArtifactStoreUnavailableException.class).hasMessageContaining("403");
        }
    }

    @Test
    void aPartSizeBelowS3sMinimumIsRefused() {
        S3ArtifactStoreProperties tiny = server.properties("", DataSize.ofMegabytes(1));

        assertThatThrownBy(() -> new S3ArtifactStore(server.client(), tiny,
                new ArtifactCache(cacheDirectory, DataSize.ofMegabytes(100).toBytes())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("din.artifacts.s3.part-size");
    }

    @Test
    void aStoreWithoutABucketIsRefused() {
        S3ArtifactStoreProperties noBucket = new S3ArtifactStoreProperties("", "us-east-1", "", "", false, "", "",
                PART_SIZE, Duration.ofDays(1));

        assertThatThrownBy(noBucket::requiredBucket).hasMessageContaining("din.artifacts.s3.bucket");
    }

    private S3ArtifactStore store(String prefix, Clock clock) throws IOException {
        return new S3ArtifactStore(server.client(), server.properties(prefix, PART_SIZE),
                new ArtifactCache(cacheDirectory, DataSize.ofMegabytes(100).toBytes()), clock);
    }

    /** Objects and unfinished uploads whose key starts with the prefix (jclouds' directory entries left out). */
    private static List<String> objectsUnder(String prefix) {
        return server.everythingStored().stream()
                .filter(key -> key.startsWith(prefix) || key.startsWith("upload:" + prefix))
                .filter(key -> !key.endsWith("/"))
                .toList();
    }

    private static void putObject(String key, byte[] content) {
        try (S3Client client = server.client()) {
            client.putObject(request -> request.bucket(S3TestServer.BUCKET).key(key), RequestBody.fromBytes(content));
        }
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(5).nextBytes(bytes);
        return bytes;
    }
}
