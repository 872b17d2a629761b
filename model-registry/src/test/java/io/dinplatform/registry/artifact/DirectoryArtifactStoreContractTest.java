package io.dinplatform.registry.artifact;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;

/** The artifact store's contract, on a directory. */
class DirectoryArtifactStoreContractTest extends ArtifactStoreContract {

    @TempDir
    Path root;

    @Override
    ArtifactStore newStore() throws Exception {
        return new DirectoryArtifactStore(root);
    }

    @Override
    List<String> everythingStored() throws Exception {
        return filesUnder(root);
    }

    @Override
    void tamper(String sha256, byte[] content) throws Exception {
        Files.write(root.resolve(store().storageKey(sha256)), content);
    }
}
