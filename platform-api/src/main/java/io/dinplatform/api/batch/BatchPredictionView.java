package io.dinplatform.api.batch;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dinplatform.registry.lease.JobStatus;
import io.dinplatform.registry.scoring.BatchPrediction;
import tools.jackson.databind.JsonNode;

/**
 * A batch prediction as the API shows it.
 *
 * @param id              the prediction
 * @param status          QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED
 * @param model           the model version that scores: the one the request's alias pointed at when it was accepted
 * @param dataset         the dataset version it scores
 * @param partitions      into how many partitions its rows are split, for any workers to score
 * @param progress        rows scored (committed) of the total, over all partitions
 * @param metrics         AUC, GAUC and log loss of the scores against the dataset's labels, once finished; absent
 *                        before, and without labels
 * @param result          the CSV of scores, once finished: where to download it, its SHA-256 and size; absent
 *                        before
 * @param error           why it failed
 * @param cancelRequested whether cancellation was asked for
 * @param attempts        how many times a worker claimed it
 * @param worker          the worker that ran it
 * @param request         the request as given
 * @param createdAt       when it was queued
 * @param startedAt       when a worker started it
 * @param finishedAt      when it ended
 */
public record BatchPredictionView(UUID id, JobStatus status, VersionRef model, VersionRef dataset, int partitions,
                                  Progress progress,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode metrics,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) Result result, String error,
                                  boolean cancelRequested,
                                  int attempts, String worker, JsonNode request, Instant createdAt, Instant startedAt,
                                  Instant finishedAt) {

    /** A model or dataset version by name and number. */
    public record VersionRef(String name, int version) {
    }

    /** Rows scored of the total, and the fraction (0 to 1). */
    public record Progress(long rowsScored, long rowsTotal, double fraction) {

        static Progress of(long rowsScored, long rowsTotal) {
            return new Progress(rowsScored, rowsTotal, rowsTotal == 0 ? 1.0 : (double) rowsScored / rowsTotal);
        }
    }

    /** The CSV of scores ({@code row,group,item,score,label}). */
    public record Result(String href, String sha256, long sizeBytes) {
    }

    static BatchPredictionView of(BatchPrediction prediction) {
        Result result = prediction.result() == null ? null
                : new Result(BatchPredictionController.PATH + "/" + prediction.id() + "/result",
                        prediction.result().sha256(), prediction.result().sizeBytes());
        return new BatchPredictionView(prediction.id(), prediction.status(),
                new VersionRef(prediction.model().name(), prediction.model().version()),
                new VersionRef(prediction.dataset().name(), prediction.dataset().version()), prediction.partitions(),
                Progress.of(prediction.rowsScored(), prediction.rowsTotal()), prediction.metrics(), result,
                prediction.error(), prediction.cancelRequested(), prediction.attempts(), prediction.worker(),
                prediction.request(), prediction.createdAt(), prediction.startedAt(), prediction.finishedAt());
    }
}
