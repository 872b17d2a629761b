package io.dinplatform.worker.scoring;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Batch predictions on the worker ({@code din.batch-predictions.*}). Leases, heartbeats, polling and retries are the
 * worker's ({@code din.worker.*}).
 *
 * @param chunkSize        rows per chunk: one forward pass, one append to the scores file and one commit of the
 *                         job's position. A restart resumes after the last committed chunk
 * @param scratchDirectory where the scores file grows while the job runs, before it moves into the artifact store;
 *                         empty means {@code batch-predictions} below {@code din.data-dir}. Workers that may resume
 *                         each other's predictions should share it (a worker that cannot see the partial file of an
 *                         earlier attempt scores the dataset again from its first row)
 */
@ConfigurationProperties("din.batch-predictions")
public record BatchPredictionProperties(@DefaultValue("1024") int chunkSize, Path scratchDirectory) {

    public BatchPredictionProperties {
        if (chunkSize < 1 || chunkSize > 65_536) {
            throw new IllegalArgumentException("din.batch-predictions.chunk-size must be between 1 and 65536, got "
                    + chunkSize);
        }
    }
}
