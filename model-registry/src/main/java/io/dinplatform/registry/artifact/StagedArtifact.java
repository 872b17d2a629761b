package io.dinplatform.registry.artifact;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An artifact being written: its content streams into {@link #content()}, hashed as it goes, and stays invisible to
 * readers until {@link #commit()} places it under its SHA-256 address. Closing it without a commit discards what was
 * written, so a caller that fails midway (bad content, a refused registration) leaves nothing in the store:
 *
 * <pre>{@code
 * try (StagedArtifact staged = store.stage()) {
 *     write(staged.content());
 *     StoredArtifact stored = staged.commit();
 * }
 * }</pre>
 *
 * <p>The address is known only at the end, so a store stages under a temporary name and moves the content on
 * commit: a directory renames a temporary file (and deletes it on a discard); an object store streams the parts of
 * a multipart upload to a temporary key, completes it and copies the object to its address on commit (and aborts
 * the upload on a discard).
 */
public interface StagedArtifact extends Closeable {

    /**
     * Where the content is written; it need not be closed, committing or closing the staged artifact ends it. A
     * failure of the store (disk full, a root that is gone) is an {@link IOException} that names the store.
     */
    OutputStream content();

    /**
     * Makes the content written so far an artifact under its address and returns it; nothing can be written after.
     * When identical content is already stored, the staged copy is dropped and the result says it was not newly
     * stored.
     */
    StoredArtifact commit() throws IOException;

    /** Discards the staged content unless it was committed; calling it again does nothing. */
    @Override
    void close() throws IOException;
}
