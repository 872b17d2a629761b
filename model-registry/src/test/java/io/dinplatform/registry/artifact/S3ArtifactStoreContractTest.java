package io.dinplatform.registry.artifact;

import java.nio.file.Path;
import java.util.List;

import io.dinplatform.registry.artifact.s3.S3ArtifactStore;
import io.dinplatform.registry.artifact.s3.S3TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The artifact store's contract, on an S3 API server (S3Proxy checking signatures); each test gets its own key
 * prefix in the one bucket, and its own local cache.
 */
class S3ArtifactStoreContractTest extends ArtifactStoreContract {

    @TempDir
    static Path serverDirectory;
    private static S3TestServer server;
    private static int storeCount;

    @TempDir
    Path cacheDirectory;
    private String prefix;
    private S3ArtifactStore store;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3TestServer.start(serverDirectory);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Override
    ArtifactStore newStore() throws Exception {
        prefix = "test-" + ++storeCount + "/";
        store = new S3ArtifactStore(server.client(), server.properties(prefix, DataSize.ofBytes(PART_SIZE)),
                new ArtifactCache(cacheDirectory, DataSize.ofGigabytes(1).toBytes()));
        return store;
    }

    @Override
    List<String> everythingStored() {
        return server.everythingStored().stream().filter(key -> key.contains(prefix)).filter(key -> !key.endsWith("/"))
                .toList();
    }

    @Override
    void tamper(String sha256, byte[] content) {
        try (S3Client client = server.client()) {
            client.putObject(request -> request.bucket(S3TestServer.BUCKET).key(prefix + store.storageKey(sha256)),
                    RequestBody.fromBytes(content));
        }
    }
}
