package io.dinplatform.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fresh data directory (embedded PostgreSQL and artifacts) for one test application context. */
final class TemporaryDataDirectory {

    private TemporaryDataDirectory() {
    }

    static Path create(String purpose) {
        try {
            return Files.createTempDirectory("din-worker-" + purpose + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
