package io.dinplatform.worker.scoring;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Batch predictions on the worker ({@code din.batch-predictions.*}). Leases, heartbeats, polling and retries are the
 * worker's ({@code din.worker.*}); how many partitions a prediction has is decided when it is submitted.
 *
 * @param chunkSize             rows per chunk: one forward pass, one append to the partition's part and one commit
 *                              of the partition's progress; a partition stops at chunk boundaries, and is made of
 *                              whole chunks. Workers that score partitions of one prediction must have the same
 *                              chunk size for the result to be the same bytes whatever the partition count
 * @param partitionPollInterval how often the worker that holds a prediction looks in the catalog whether all its
 *                              partitions have ended
 */
@ConfigurationProperties("din.batch-predictions")
public record BatchPredictionProperties(@DefaultValue("1024") int chunkSize,
                                        @DefaultValue("500ms") Duration partitionPollInterval) {

    public BatchPredictionProperties {
        if (chunkSize < 1 || chunkSize > 65_536) {
            throw new IllegalArgumentException("din.batch-predictions.chunk-size must be between 1 and 65536, got "
                    + chunkSize);
        }
        if (partitionPollInterval.isNegative() || partitionPollInterval.isZero()) {
            throw new IllegalArgumentException("din.batch-predictions.partition-poll-interval must be positive");
        }
    }
}
