package io.dinplatform.registry.scoring;

import java.util.UUID;

import io.dinplatform.registry.lease.JobStatus;

/**
 * One partition of a batch prediction: a contiguous range of the dataset version's rows that one worker scores into
 * one part of the result.
 *
 * @param id              the partition as handed out this time (a resumed prediction hands it out under a new id)
 * @param predictionId    the batch prediction
 * @param index           its place in the result, from 0
 * @param firstRow        how many data rows of the dataset come before its first
 * @param rowCount        its rows
 * @param jobExecutionId  the prediction's Spring Batch job execution that handed it out
 * @param stepExecutionId the step execution that scores it
 * @param status          QUEUED → RUNNING → SUCCEEDED, FAILED or CANCELLED
 * @param leaseHolder     the worker that holds it while RUNNING
 * @param attempts        how many times a worker has claimed it
 * @param rowsScored      its rows scored so far
 * @param part            its scores in the artifact store, once scored
 * @param error           why it failed, or why it went back to the queue
 * @param worker          the worker that scored it last
 */
public record PredictionPartition(UUID id, UUID predictionId, int index, long firstRow, long rowCount,
                                  long jobExecutionId, long stepExecutionId, JobStatus status, String leaseHolder,
                                  int attempts, long rowsScored, BatchPrediction.Result part, String error,
                                  String worker) {

    /** The lease this record shows, as the worker that holds it knows it; only for a RUNNING partition. */
    public PartitionLease lease() {
        return new PartitionLease(id, leaseHolder, attempts);
    }
}
