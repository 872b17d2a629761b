package io.dinplatform.registry.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local files of artifacts that live in a remote store, for readers that need random access (memory mapping). The
 * cache holds at most {@code maxBytes}: when a new file takes it past that, the least recently used files go first.
 *
 * <p>A missing artifact is downloaded into a temporary file (named {@code .filling-*}) through the store's verified
 * stream, so it becomes visible under its address only once its SHA-256 matched, by an atomic rename. A cached file
 * is hashed again each time it is handed out, as the directory store hashes its own: a copy damaged on the local
 * disk is dropped and downloaded again, never used.
 *
 * <p>A file being filled or verified is never evicted. A file handed out earlier may be: on POSIX systems removing it
 * leaves it readable through every descriptor and mapping already open, and its space returns when the last one is
 * closed; a reader that asks again gets a new copy. A single artifact larger than the bound is still cached (alone).
 * The last-modified time of a file records its last use, so the order survives a restart.
 */
public final class ArtifactCache {

    /** Where missing artifacts come from: a stream that fails at its end unless the content matches the address. */
    @FunctionalInterface
    public interface Source {
        InputStream openVerified(String sha256) throws IOException;
    }

    private static final Logger log = LoggerFactory.getLogger(ArtifactCache.class);
    private static final String FILLING_PREFIX = ".filling-";
    private static final Pattern ADDRESS = Pattern.compile("[0-9a-f]{64}");

    private final Path directory;
    private final long maxBytes;
    /** Cached artifacts and their sizes, least recently used first; guarded by {@code this}. */
    private final LinkedHashMap<String, Long> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long cachedBytes;
    /** One lock per artifact: held while it is filled or verified, so that nothing evicts it meanwhile. */
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public ArtifactCache(Path directory, long maxBytes) throws IOException {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("the artifact cache needs a positive size, got " + maxBytes);
        }
        this.directory = directory.toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
        Files.createDirectories(this.directory);
        indexExistingFiles();
        evictBeyondBound(null);
    }

    public Path directory() {
        return directory;
    }

    /** The bytes the cached files take now. */
    public synchronized long cachedBytes() {
        return cachedBytes;
    }

    /**
     * The verified local file of an artifact, downloaded from {@code source} unless a whole copy is cached. Throws
     * {@link ArtifactIntegrityException} when the source's content does not match the address.
     */
    public Path verifiedPath(String sha256, Source source) throws IOException {
        Sha256.requireValid(sha256);
        Path file = directory.resolve(sha256);
        ReentrantLock lock = locks.computeIfAbsent(sha256, key -> new ReentrantLock());
        lock.lock();
        try {
            if (isCached(sha256)) {
                if (hashOf(file).equals(sha256)) {
                    markUsed(sha256, file);
                    return file;
                }
                log.warn("The cached copy of artifact {} in {} is corrupt; downloading it again", sha256, directory);
                remove(sha256);
            }
            fill(sha256, source, file);
        } finally {
            lock.unlock();
        }
        evictBeyondBound(sha256);
        return file;
    }

    /** Drops an artifact's cached file (the artifact was deleted from its store). */
    public void remove(String sha256) throws IOException {
        Sha256.requireValid(sha256);
        synchronized (this) {
            Long size = entries.remove(sha256);
            if (size != null) {
                cachedBytes -= size;
            }
        }
        Files.deleteIfExists(directory.resolve(sha256));
    }

    private synchronized boolean isCached(String sha256) {
        return entries.containsKey(sha256);
    }

    private void fill(String sha256, Source source, Path file) throws IOException {
        Path filling = directory.resolve(FILLING_PREFIX + UUID.randomUUID());
        try {
            try (InputStream content = source.openVerified(sha256);
                 FileChannel channel = FileChannel.open(filling, StandardOpenOption.CREATE_NEW,
                         StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                content.transferTo(out);
                channel.force(true);
            }
            Files.move(filling, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(filling);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        long size = Files.size(file);
        synchronized (this) {
            entries.put(sha256, size);
            cachedBytes += size;
        }
    }

    private static String hashOf(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Sha256.of(in);
        }
    }

    private void markUsed(String sha256, Path file) throws IOException {
        synchronized (this) {
            entries.get(sha256); // access order: now the most recently used
        }
        Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
    }

    /** Removes least recently used files until the cache fits its bound, sparing the one just used and busy ones. */
    private synchronized void evictBeyondBound(String justUsed) {
        Iterator<Map.Entry<String, Long>> eldestFirst = entries.entrySet().iterator();
        while (cachedBytes > maxBytes && eldestFirst.hasNext()) {
            Map.Entry<String, Long> entry = eldestFirst.next();
            String sha256 = entry.getKey();
            ReentrantLock lock = locks.computeIfAbsent(sha256, key -> new ReentrantLock());
            if (sha256.equals(justUsed) || !lock.tryLock()) {
                continue;
            }
            try {
                Files.deleteIfExists(directory.resolve(sha256));
                cachedBytes -= entry.getValue();
                eldestFirst.remove();
            } catch (IOException e) {
                log.warn("Could not evict artifact {} from the cache {}", sha256, directory, e);
            } finally {
                lock.unlock();
            }
        }
    }

    /** Takes over the files a previous process left, oldest use first, and removes its unfinished downloads. */
    private void indexExistingFiles() throws IOException {
        List<Path> cached = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(FILLING_PREFIX)) {
                    Files.deleteIfExists(file);
                } else if (ADDRESS.matcher(name).matches() && Files.isRegularFile(file)) {
                    cached.add(file);
                }
            }
        }
        cached.sort(Comparator.comparing(ArtifactCache::lastModified));
        for (Path file : cached) {
            long size = Files.size(file);
            entries.put(file.getFileName().toString(), size);
            cachedBytes += size;
        }
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
