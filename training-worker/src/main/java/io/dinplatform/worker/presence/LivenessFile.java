package io.dinplatform.worker.presence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * A file whose age tells a process supervisor that the worker is alive: the worker application serves no HTTP, so a
 * container health check cannot ask {@code /actuator/health}; it tests how long ago this file was touched instead
 * ({@code docker/Dockerfile}). Unconfigured ({@code din.worker.liveness-file} unset), it does nothing.
 */
public final class LivenessFile {

    private final Path path;

    private LivenessFile(Path path) {
        this.path = path;
    }

    /** The file at the given path, or none when the path is null. */
    public static LivenessFile at(Path path) {
        return new LivenessFile(path);
    }

    /** Marks the worker alive now: creates the file, or moves its modification time to now. */
    public void touch() throws IOException {
        if (path == null) {
            return;
        }
        if (Files.exists(path)) {
            Files.setLastModifiedTime(path, FileTime.from(Instant.now()));
        } else {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.createFile(path);
        }
    }

    /** Removes the file: a stopping worker is no longer alive. */
    public void remove() throws IOException {
        if (path != null) {
            Files.deleteIfExists(path);
        }
    }

    @Override
    public String toString() {
        return path == null ? "no liveness file" : path.toString();
    }
}
