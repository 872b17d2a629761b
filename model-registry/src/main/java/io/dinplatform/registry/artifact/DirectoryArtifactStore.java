package io.dinplatform.registry.artifact;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * An {@link ArtifactStore} in a directory: artifact {@code abcdef...} lies at {@code ab/cdef...}, two hex digits of
 * fan-out keeping directories small.
 *
 * <p>A write is staged ({@link #stage()}) in a temporary file in the store's root (the same file system as its final
 * place), hashed as it streams; its commit forces it to disk, renames it atomically into place and forces the
 * directory entry too; a discard deletes it. A crash at any point leaves either nothing or a temporary file (named
 * {@code .incoming-*}), never a partial artifact under a real address.
 *
 * <p>A write that the file system refuses (disk full, a root that is no longer a directory, no permission) fails
 * with an {@link IOException} that names the store and the reason and removes its temporary file; a failure of the
 * content's own stream reaches the caller unchanged (it is not the store's).
 */
public class DirectoryArtifactStore implements ArtifactStore {

    static final String TEMPORARY_PREFIX = ".incoming-";
    private static final int BUFFER_SIZE = 1 << 16;

    private final Path root;

    public DirectoryArtifactStore(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (FileAlreadyExistsException e) {
            throw new NotDirectoryException(this.root + ": the artifact store's root is not a directory");
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public StagedArtifact stage() throws IOException {
        Path temporary;
        try {
            temporary = Files.createTempFile(root, TEMPORARY_PREFIX, ".tmp");
        } catch (IOException e) {
            throw storeFailure(e);
        }
        try {
            return new StagedFile(temporary);
        } catch (IOException e) {
            IOException failure = storeFailure(e);
            removeTemporary(temporary, failure);
            throw failure;
        } catch (RuntimeException | Error e) {
            removeTemporary(temporary, e);
            throw e;
        }
    }

    private IOException storeFailure(IOException e) {
        return new IOException("Could not write an artifact into the store " + root + ": " + e.getMessage(), e);
    }

    /** Removes a failed write's temporary file; a failure to do so is attached to the error, never hides it. */
    private static void removeTemporary(Path temporary, Throwable failure) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public InputStream openVerified(String sha256) throws IOException {
        Path file = existing(sha256);
        return new VerifyingInputStream(Files.newInputStream(file), sha256);
    }

    @Override
    public Path verifiedPath(String sha256) throws IOException {
        Path file = existing(sha256);
        try (InputStream in = openVerified(sha256)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return file;
    }

    @Override
    public boolean contains(String sha256) {
        return Files.isRegularFile(pathOf(sha256));
    }

    @Override
    public boolean delete(String sha256) throws IOException {
        return Files.deleteIfExists(pathOf(sha256));
    }

    @Override
    public String storageKey(String sha256) {
        Sha256.requireValid(sha256);
        return sha256.substring(0, 2) + "/" + sha256.substring(2);
    }

    @Override
    public void probe() throws IOException {
        if (!Files.isDirectory(root)) {
            throw new ArtifactStoreUnavailableException(toString(), "the directory is missing", null);
        }
        if (!Files.isWritable(root)) {
            throw new ArtifactStoreUnavailableException(toString(), "the directory is not writable", null);
        }
    }

    @Override
    public String toString() {
        return "directory " + root;
    }

    private Path pathOf(String sha256) {
        return root.resolve(storageKey(sha256));
    }

    private Path existing(String sha256) throws ArtifactNotFoundException {
        Path file = pathOf(sha256);
        if (!Files.isRegularFile(file)) {
            throw new ArtifactNotFoundException(sha256);
        }
        return file;
    }

    /** Renames the finished file to its address; false when identical content was already there. */
    private static boolean moveIntoPlace(Path temporary, Path target) throws IOException {
        if (Files.isRegularFile(target)) {
            return false;
        }
        Files.createDirectories(target.getParent());
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            return false; // a concurrent writer stored the same content first
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the artifact store " + target.getParent() + " needs a file system with atomic "
                    + "rename", e);
        }
        syncDirectory(target.getParent());
        return true;
    }

    /** Makes the rename itself durable; a no-op on file systems that cannot open directories. */
    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms cannot fsync a directory; the data itself is already on disk.
        }
    }

    /**
     * A temporary file in the store's root (the same file system as the artifact's place, so the rename is atomic),
     * hashed as it is written, forced to disk and renamed on commit, deleted when discarded.
     */
    private final class StagedFile implements StagedArtifact {

        private final Path temporary;
        private final FileChannel channel;
        private final OutputStream file;
        private final MessageDigest digest = Sha256.newDigest();
        private final OutputStream content = new Content();
        private long size;
        private boolean committed;
        private boolean finished;

        StagedFile(Path temporary) throws IOException {
            this.temporary = temporary;
            this.channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
            this.file = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_SIZE);
        }

        @Override
        public OutputStream content() {
            return content;
        }

        @Override
        public StoredArtifact commit() throws IOException {
            requireUnfinished();
            try {
                file.flush();
                channel.force(true);
                channel.close();
                String sha256 = Sha256.hex(digest);
                boolean newlyStored = moveIntoPlace(temporary, pathOf(sha256));
                if (!newlyStored) {
                    Files.delete(temporary); // identical content was stored before
                }
                committed = true;
                finished = true;
                return new StoredArtifact(sha256, size, storageKey(sha256), newlyStored);
            } catch (IOException e) {
                IOException failure = storeFailure(e);
                discard(failure);
                throw failure;
            } catch (RuntimeException | Error e) {
                discard(e);
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            if (finished) {
                return;
            }
            finished = true;
            try {
                channel.close();
            } finally {
                Files.deleteIfExists(temporary);
            }
        }

        private void discard(Throwable failure) {
            try {
                close();
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
        }

        private void requireUnfinished() throws IOException {
            if (finished) {
                throw new IOException("the staged artifact was already " + (committed ? "committed" : "discarded"));
            }
        }

        /** Hashes and counts what it passes to the file; the file system's errors name the store. */
        private final class Content extends OutputStream {

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                requireUnfinished();
                try {
                    file.write(bytes, offset, length);
                } catch (IOException e) {
                    throw storeFailure(e);
                }
                digest.update(bytes, offset, length);
                size += length;
            }
        }
    }
}
