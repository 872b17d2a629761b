package io.dinplatform.registry.scoring;

import java.time.Instant;
import java.util.UUID;

import io.dinplatform.registry.dataset.DatasetVersionRef;
import io.dinplatform.registry.lease.JobStatus;
import tools.jackson.databind.JsonNode;

/**
 * A batch prediction as the catalog records it: which model version scores which dataset version, where the job
 * stands, and its result.
 *
 * @param id              the prediction's id
 * @param status          QUEUED → RUNNING → SUCCEEDED, FAILED or CANCELLED (the states of a training run)
 * @param request         the request as accepted (JSON)
 * @param model           the model version that scores, resolved when the request was accepted
 * @param dataset         the dataset version it scores
 * @param leaseHolder     the worker that holds it while RUNNING
 * @param leaseExpiresAt  when another worker may take it over unless the holder renews the lease
 * @param attempts        how many times a worker has claimed it
 * @param cancelRequested whether a user asked to cancel it
 * @param rowsTotal       the rows to score
 * @param partitions      into how many partitions its rows are split, for any workers to score
 * @param rowsScored      the rows scored and committed so far, over all its partitions
 * @param metrics         AUC, GAUC and log loss of the scores against the dataset's labels (JSON), once finished
 * @param result          the CSV of scores in the artifact store, once finished
 * @param error           why it failed
 * @param worker          the worker that ran it last
 * @param jobExecutionId  the Spring Batch job execution
 * @param createdAt       when it was queued
 * @param startedAt       when a worker first started it
 * @param finishedAt      when it reached a final state
 */
public record BatchPrediction(UUID id, JobStatus status, JsonNode request, ModelVersionRef model,
                              DatasetVersionRef dataset, String leaseHolder, Instant leaseExpiresAt, int attempts,
                              boolean cancelRequested, long rowsTotal, int partitions, long rowsScored, JsonNode metrics,
                              Result result, String error, String worker, Long jobExecutionId, Instant createdAt,
                              Instant startedAt, Instant finishedAt) {

    /** The model version that scores, with the address of its bundle. */
    public record ModelVersionRef(long id, String name, int version, String bundleSha256) {
    }

    /** The CSV of scores: its address in the artifact store and its length. */
    public record Result(String sha256, long sizeBytes) {
    }

    /** The lease this record shows, as the worker that holds it knows it; only for a RUNNING prediction. */
    public ScoringLease lease() {
        return new ScoringLease(id, leaseHolder, attempts);
    }
}
