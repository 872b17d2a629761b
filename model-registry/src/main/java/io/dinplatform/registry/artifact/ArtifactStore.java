package io.dinplatform.registry.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Immutable blobs (dataset files, checkpoints, model bundles) addressed by the SHA-256 of their content.
 *
 * <p>A write is atomic: readers see either the complete artifact or none, and one that fails or is abandoned leaves
 * nothing behind. A read is verified: content that no longer matches its address raises
 * {@link ArtifactIntegrityException} instead of being used.
 */
public interface ArtifactStore {

    /**
     * Starts writing an artifact whose content the caller produces, or checks, as it streams: see
     * {@link StagedArtifact}. Nothing becomes visible before its commit, and closing it uncommitted leaves no trace.
     */
    StagedArtifact stage() throws IOException;

    /**
     * Streams the content into the store (never held in memory whole) and returns its address. A failure of the
     * content's own stream reaches the caller unchanged; one of the store names the store.
     */
    default StoredArtifact write(InputStream content) throws IOException {
        try (StagedArtifact staged = stage()) {
            content.transferTo(staged.content());
            return staged.commit();
        }
    }

    /**
     * Opens an artifact for reading; the stream hashes what it delivers and throws {@link ArtifactIntegrityException}
     * at the end of the content if it does not match the address, so a consumer never completes on corrupt data.
     */
    InputStream openVerified(String sha256) throws IOException;

    /**
     * Hashes the whole artifact and returns its file, for readers that need random access (memory mapping).
     * Throws {@link ArtifactIntegrityException} on a mismatch.
     */
    Path verifiedPath(String sha256) throws IOException;

    boolean contains(String sha256);

    /** Removes an artifact (rollback of a failed registration); false when it was not there. */
    boolean delete(String sha256) throws IOException;

    /** The location of an artifact relative to the store, as recorded in the catalog. */
    String storageKey(String sha256);

    /**
     * Checks, cheaply, that the store can take writes now (for a health check): returns quietly, or throws an
     * {@link IOException} that names the store and says what is wrong.
     */
    void probe() throws IOException;
}
