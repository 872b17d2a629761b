package io.dinplatform.registry.run;

import java.time.Instant;
import java.util.UUID;

import io.dinplatform.registry.dataset.DatasetVersionRef;
import io.dinplatform.registry.lease.JobStatus;
import tools.jackson.databind.JsonNode;

/**
 * A training run as the catalog records it.
 *
 * @param id              the run's id
 * @param modelName       the model it registers a version of
 * @param status          where it stands
 * @param request         the run request
 * @param dataset         the dataset version it trains on
 * @param leaseHolder     the worker that holds it while RUNNING
 * @param leaseExpiresAt  when another worker may take it over unless the holder renews the lease
 * @param heartbeatAt     the holder's last sign of life
 * @param attempts        how many times a worker has claimed it
 * @param cancelRequested whether a user asked to cancel it
 * @param progress        the latest progress (JSON: epoch, step, loss...)
 * @param metrics         the test metrics once evaluated (JSON)
 * @param error           why it failed
 * @param device          the device it ran on
 * @param worker          the worker that ran it last
 * @param jobExecutionId  the Spring Batch job execution
 * @param modelVersion    the version it registered, once SUCCEEDED
 * @param createdAt       when it was queued
 * @param startedAt       when a worker first started it
 * @param finishedAt      when it reached a final state
 * @param requestedBy     who queued it ({@link io.dinplatform.registry.audit.Principals}); null for runs queued before
 *                        the catalog recorded it
 */
public record TrainingRun(UUID id, String modelName, JobStatus status, RunRequest request, DatasetVersionRef dataset,
                          String leaseHolder, Instant leaseExpiresAt, Instant heartbeatAt, int attempts,
                          boolean cancelRequested, JsonNode progress, JsonNode metrics, String error, String device,
                          String worker, Long jobExecutionId, ModelVersionRef modelVersion, Instant createdAt,
                          Instant startedAt, Instant finishedAt, String requestedBy) {

    /** The model version a run registered. */
    public record ModelVersionRef(long id, String name, int version) {
    }
}
