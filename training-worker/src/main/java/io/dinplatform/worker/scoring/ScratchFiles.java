package io.dinplatform.worker.scoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Where the scores file of each batch prediction grows while its job runs: one file per prediction, kept across
 * restarts of the job (a restart truncates it to the last committed chunk and appends from there), removed once the
 * prediction is settled.
 */
public class ScratchFiles {

    private final Path directory;

    public ScratchFiles(Path directory) {
        this.directory = directory;
    }

    public Path scoresOf(UUID predictionId) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the batch predictions' scratch directory " + directory, e);
        }
        return directory.resolve(predictionId + ".csv");
    }

    /** Removes a settled prediction's file; a failure only leaves a file behind, so it is not an error. */
    public void delete(UUID predictionId) {
        try {
            Files.deleteIfExists(directory.resolve(predictionId + ".csv"));
        } catch (IOException e) {
            // the result (if any) is in the artifact store already; a stray scratch file harms nothing
        }
    }
}
