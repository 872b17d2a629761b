package io.dinplatform.worker.scoring;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.artifact.StagedArtifact;
import io.dinplatform.registry.artifact.StoredArtifact;

/**
 * One partition's lines of the result, streamed into the artifact store as they are scored (a staged artifact:
 * nothing on this worker's disk that another worker would need). It becomes an artifact only when committed after
 * the partition's last row; a partition that stops earlier discards it, and scores its range again from the first
 * row when it executes again.
 */
final class ScoresPart implements Closeable {

    private final StagedArtifact staged;
    private final Writer lines;

    private ScoresPart(StagedArtifact staged) {
        this.staged = staged;
        this.lines = new BufferedWriter(new OutputStreamWriter(staged.content(), StandardCharsets.UTF_8));
    }

    static ScoresPart stage(ArtifactStore artifacts) throws IOException {
        return new ScoresPart(artifacts.stage());
    }

    void append(Iterable<ScoredRow> rows) throws IOException {
        for (ScoredRow row : rows) {
            lines.write(ScoresFile.line(row));
        }
    }

    StoredArtifact commit() throws IOException {
        lines.flush();
        return staged.commit();
    }

    /** Discards the part unless it was committed. */
    @Override
    public void close() throws IOException {
        staged.close();
    }
}
