package io.dinplatform.registry.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 */
final class LeftoverPostmaster {

    private static final Logger log = LoggerFactory.getLogger(LeftoverPostmaster.class);
    static final String PID_FILE = "postmaster.pid";

    private LeftoverPostmaster() {
    }

    static void clear(Path dataDirectory, Duration stopTimeout) throws IOException {
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
