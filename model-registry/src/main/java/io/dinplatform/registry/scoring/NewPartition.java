package io.dinplatform.registry.scoring;

import java.util.Objects;
import java.util.UUID;

/**
 * A partition to hand out: see {@link PredictionPartition}.
 *
 * @param id              a new id for this hand-out
 * @param index           its place in the result, from 0
 * @param firstRow        how many data rows of the dataset come before its first
 * @param rowCount        its rows
 * @param jobExecutionId  the job execution that hands it out
 * @param stepExecutionId the step execution that scores it
 */
public record NewPartition(UUID id, int index, long firstRow, long rowCount, long jobExecutionId,
                           long stepExecutionId) {

    public NewPartition {
        Objects.requireNonNull(id, "id");
        if (index < 0 || firstRow < 0 || rowCount < 0) {
            throw new IllegalArgumentException("a partition's index, first row and row count are not negative");
        }
    }
}
