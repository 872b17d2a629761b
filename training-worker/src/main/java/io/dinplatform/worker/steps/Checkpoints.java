package io.dinplatform.worker.steps;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import io.dinplatform.core.train.Trainer;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.artifact.StoredArtifact;

/**
 * Training checkpoints in the artifact store, so that any worker can resume a run: a checkpoint is written to a
 * temporary file first (it holds the parameters twice, current and best, and need not fit in the heap), then
 * streamed into the store under its SHA-256. Reading verifies that hash.
 */
public class Checkpoints {

    private final ArtifactStore artifacts;

    public Checkpoints(ArtifactStore artifacts) {
        this.artifacts = artifacts;
    }

    public StoredArtifact save(Trainer trainer) throws IOException {
        Path file = Files.createTempFile("din-checkpoint-", ".bin");
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                trainer.writeCheckpoint(out);
            }
            try (InputStream in = Files.newInputStream(file)) {
                return artifacts.write(in);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Restores the trainer's state (parameters, optimizer, position) from a stored checkpoint. */
    public void restore(Trainer trainer, String sha256) throws IOException {
        try (InputStream in = artifacts.openVerified(sha256)) {
            trainer.readCheckpoint(in);
            in.transferTo(OutputStream.nullOutputStream()); // the hash is checked when the content ends
        }
    }

    /** Removes a checkpoint that a newer one superseded. */
    public void discard(String sha256) throws IOException {
        artifacts.delete(sha256);
    }
}
