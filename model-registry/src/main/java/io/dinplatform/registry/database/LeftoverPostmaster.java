package io.dinplatform.registry.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears the way for a PostgreSQL start in a data directory that a previous platform process may have left behind.
 *
 * <p>The embedded server is a child process: when the platform is killed (SIGKILL, OOM killer, power loss of a
 * container) the postmaster either keeps running, still owning the directory, or dies and leaves its
 * {@code postmaster.pid}. PostgreSQL refuses to start while the file names a live process, and a recycled process
 * id can make a stale file look alive. So: a postmaster that still serves this very directory is shut down (SIGTERM,
 * PostgreSQL's smart shutdown, which finishes at once because its clients died with the old platform); a file that
 * names any other process, or none, is stale and removed.
 *
 * <p>A live platform holds a lock on the directory's {@code epg-lock} file for as long as its server runs; the lock
 * dies with the process. So a directory whose lock is held belongs to a running platform and is left alone: starting a
 * second platform on it fails with a clear message instead of stopping the first one's database.
 */
final class LeftoverPostmaster {

    private static final Logger log = LoggerFactory.getLogger(LeftoverPostmaster.class);
    static final String PID_FILE = "postmaster.pid";
    /** The lock file the embedded-PostgreSQL library holds while its server runs. */
    static final String LOCK_FILE = "epg-lock";

    private LeftoverPostmaster() {
    }

    static void clear(Path dataDirectory, Duration stopTimeout) throws IOException {
        requireNotInUse(dataDirectory);
        Path pidFile = dataDirectory.resolve(PID_FILE);
        Optional<Long> pid = readPid(pidFile);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
        if (process.isPresent() && servesDirectory(process.get(), dataDirectory)) {
            stop(process.get(), dataDirectory, stopTimeout);
        } else {
            log.warn("Removing stale {} (process {} is gone) from {}", PID_FILE, pid.get(), dataDirectory);
        }
        Files.deleteIfExists(pidFile);
    }

    private static void requireNotInUse(Path dataDirectory) throws IOException {
        Path lockFile = dataDirectory.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw inUse(dataDirectory);
            }
        } catch (OverlappingFileLockException e) {
            throw inUse(dataDirectory);
        }
    }

    private static IOException inUse(Path dataDirectory) {
        return new IOException("the database directory " + dataDirectory + " is in use by another running platform "
                + "process; stop it first, or give this one its own din.data-dir");
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        try {
            return lines.isEmpty() ? Optional.of(-1L) : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return Optional.of(-1L); // a half-written file from a crash during start: stale by definition
        }
    }

    /** A postgres process whose command line names this data directory (ours, not a recycled pid). */
    private static boolean servesDirectory(ProcessHandle process, Path dataDirectory) {
        String commandLine = process.info().commandLine().orElse("");
        return commandLine.contains("postgres") && commandLine.contains(dataDirectory.toString());
    }

    private static void stop(ProcessHandle postmaster, Path dataDirectory, Duration timeout) throws IOException {
        log.warn("PostgreSQL (pid {}) left running by an earlier platform process still owns {}: shutting it down",
                postmaster.pid(), dataDirectory);
        postmaster.destroy();
        if (awaitExit(postmaster, timeout)) {
            return;
        }
        log.warn("PostgreSQL (pid {}) did not stop within {}; killing it (crash recovery replays its WAL)",
                postmaster.pid(), timeout);
        postmaster.destroyForcibly();
        if (!awaitExit(postmaster, timeout)) {
            throw new IOException("PostgreSQL process " + postmaster.pid() + " still owns " + dataDirectory
                    + " and does not stop; stop it by hand and start again");
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) throws IOException {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("could not wait for PostgreSQL process " + process.pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for PostgreSQL process " + process.pid() + " to stop", e);
        }
    }
}
