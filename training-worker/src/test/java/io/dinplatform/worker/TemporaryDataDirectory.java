package io.dinplatform.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fresh data directory (embedded PostgreSQL and artifacts) for one test application context. */
final class TemporaryDataDirectory {

    private TemporaryDataDirectory() {
    }

    /** The directory, created when it does not exist. */
    static Path directory(Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path create(String purpose) {
        try {
            return Files.createTempDirectory("din-worker-" + purpose + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
