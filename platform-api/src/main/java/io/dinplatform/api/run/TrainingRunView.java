package io.dinplatform.api.run;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dinplatform.registry.lease.JobStatus;
import io.dinplatform.registry.run.TrainingRun;
import tools.jackson.databind.JsonNode;

/**
 * A training run as the API shows it.
 *
 * @param id              the run
 * @param status          QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED
 * @param model           the model it registers a version of
 * @param dataset         the dataset version it trains on
 * @param progress        the latest progress (epoch, step, loss, samples/s...); absent before the first
 * @param metrics         test metrics once evaluated (auc, gauc, logloss); absent before
 * @param modelVersion    the registered version once SUCCEEDED; absent before
 * @param error           why it failed
 * @param cancelRequested whether cancellation was asked for
 * @param attempts        how many times a worker claimed it
 * @param device          the device it ran on
 * @param worker          the worker that ran it
 * @param request         the request with every default filled in
 * @param createdAt       when it was queued
 * @param startedAt       when a worker started it
 * @param finishedAt      when it ended
 */
public record TrainingRunView(UUID id, JobStatus status, String model, VersionRef dataset,
                              @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode progress,
                              @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode metrics,
                              @JsonInclude(JsonInclude.Include.NON_NULL) VersionRef modelVersion, String error,
                              boolean cancelRequested,
                              int attempts, String device, String worker, JsonNode request, Instant createdAt,
                              Instant startedAt, Instant finishedAt) {

    /** A dataset or model version by name and number. */
    public record VersionRef(String name, int version) {
    }

    static TrainingRunView of(TrainingRun run) {
        VersionRef modelVersion = run.modelVersion() == null ? null
                : new VersionRef(run.modelVersion().name(), run.modelVersion().version());
        return new TrainingRunView(run.id(), run.status(), run.modelName(),
                new VersionRef(run.dataset().name(), run.dataset().version()), run.progress(), run.metrics(),
                modelVersion, run.error(), run.cancelRequested(), run.attempts(), run.device(), run.worker(),
                run.request().toJson(), run.createdAt(), run.startedAt(), run.finishedAt());
    }
}
