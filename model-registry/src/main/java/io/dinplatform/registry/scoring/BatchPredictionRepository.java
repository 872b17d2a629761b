package io.dinplatform.registry.scoring;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.dinplatform.registry.dataset.DatasetVersionRef;
import io.dinplatform.registry.lease.JobStatus;
import io.dinplatform.registry.lease.LeasedQueue;
import io.dinplatform.registry.lease.LeasedTable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

import static io.dinplatform.registry.database.CatalogColumns.instant;
import static io.dinplatform.registry.database.CatalogColumns.json;
import static io.dinplatform.registry.database.CatalogColumns.jsonb;

/**
 * Batch predictions: the record of each, and the queue that workers claim them from.
 *
 * <p>The queue works like the training runs' one (see {@link LeasedTable}): any number of workers can poll at once
 * and each prediction goes to exactly one. Every write after the claim is fenced by the {@link ScoringLease} (holder
 * and attempt), and time is always the database's {@code now()}.
 */
public class BatchPredictionRepository implements LeasedQueue<ScoringLease> {

    private static final String SELECT = """
            SELECT p.*, d.name AS dataset_name, dv.version AS dataset_version,
                   m.name AS model_name, mv.version AS model_version, mv.bundle_sha256,
                   COALESCE((SELECT sum(s.rows_scored) FROM batch_prediction_partitions s
                             WHERE s.prediction_id = p.id), p.rows_scored) AS rows_scored_over_partitions
            FROM batch_predictions p
            JOIN dataset_versions dv ON dv.id = p.dataset_version_id
            JOIN datasets d ON d.id = dv.dataset_id
            JOIN model_versions mv ON mv.id = p.model_version_id
            JOIN registered_models m ON m.id = mv.model_id
            """;

    private final JdbcClient jdbc;
    private final LeasedTable queue;

    public BatchPredictionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.queue = new LeasedTable(jdbc, "batch_predictions");
    }

    /** Queues a prediction. */
    public BatchPrediction create(NewBatchPrediction prediction) {
        UUID id = jdbc.sql("""
                        INSERT INTO batch_predictions (status, request, model_version_id, dataset_version_id,
                                                       rows_total, partitions)
                        VALUES ('QUEUED', CAST(? AS jsonb), ?, ?, ?, ?)
                        RETURNING id
                        """)
                .params(jsonb(prediction.request()), prediction.modelVersionId(), prediction.datasetVersionId(),
                        prediction.rowsTotal(), prediction.partitions())
                .query(UUID.class).single();
        return find(id).orElseThrow();
    }

    public Optional<BatchPrediction> find(UUID id) {
        return jdbc.sql(SELECT + " WHERE p.id = ?").param(id).query(BatchPredictionRepository::prediction)
                .optional();
    }

    /** The newest predictions first. */
    public List<BatchPrediction> findRecent(int limit) {
        return jdbc.sql(SELECT + " ORDER BY p.created_at DESC, p.id LIMIT ?").param(limit)
                .query(BatchPredictionRepository::prediction).list();
    }

    /** The newest predictions first, of these models only. */
    public List<BatchPrediction> findRecent(int limit, Collection<String> models) {
        return jdbc.sql(SELECT + " WHERE m.name = ANY (?::varchar[]) ORDER BY p.created_at DESC, p.id LIMIT ?")
                .params(models.toArray(String[]::new), limit).query(BatchPredictionRepository::prediction).list();
    }

    /**
     * Asks a prediction to stop: a queued one is cancelled at once; a running one is flagged, its queued partitions
     * are cancelled and its running ones flagged, and their workers stop at the next chunk boundary. False when it
     * had already finished.
     */
    @Transactional
    public boolean requestCancel(UUID id) {
        jdbc.sql("""
                        UPDATE batch_prediction_partitions
                        SET status = CASE WHEN status = 'QUEUED' THEN 'CANCELLED' ELSE status END,
                            finished_at = CASE WHEN status = 'QUEUED' THEN now() ELSE finished_at END,
                            cancel_requested = true
                        WHERE prediction_id = ? AND status IN ('QUEUED', 'RUNNING')
                        """)
                .param(id).update();
        int queued = jdbc.sql("""
                        UPDATE batch_predictions SET status = 'CANCELLED', cancel_requested = true, finished_at = now()
                        WHERE id = ? AND status = 'QUEUED'
                        """)
                .param(id).update();
        return queued == 1 || jdbc.sql("""
                        UPDATE batch_predictions SET cancel_requested = true WHERE id = ? AND status = 'RUNNING'
                        """)
                .param(id).update() == 1;
    }

    /** Claims the next prediction for {@code worker} with a lease of the given length; empty when none waits. */
    public Optional<BatchPrediction> claimNext(String worker, Duration lease) {
        return queue.claim(worker, lease, "true", "id")
                .query(UUID.class)
                .optional()
                .flatMap(this::find);
    }

    /**
     * Extends the lease (the heartbeat). Empty when the lease is lost (finished, requeued, or claimed by another
     * worker after it expired); otherwise whether a user has asked to cancel.
     */
    @Override
    public Optional<Boolean> renew(ScoringLease lease, Duration duration) {
        return queue.renew(lease, duration);
    }

    /** The Spring Batch execution that scores. False when the lease is lost. */
    public boolean recordExecution(ScoringLease lease, long jobExecutionId) {
        return queue.update(lease, "job_execution_id = :execution")
                .param("execution", jobExecutionId)
                .update() == 1;
    }

    /** The CSV of scores, stored, and the metrics computed from it (null without labels). False when the lease is lost. */
    public boolean recordResult(ScoringLease lease, BatchPrediction.Result result, JsonNode metrics) {
        return queue.update(lease, "result_sha256 = :sha256, result_size_bytes = :size,"
                        + " metrics = CAST(:metrics AS jsonb)")
                .param("sha256", result.sha256())
                .param("size", result.sizeBytes())
                .param("metrics", jsonb(metrics))
                .update() == 1;
    }

    /**
     * Ends the prediction in a final state with an optional reason; SUCCEEDED requires a recorded result. False
     * when the lease is lost.
     */
    @Override
    public boolean finish(ScoringLease lease, JobStatus status, String error) {
        return queue.finish(lease, status, error, "result_sha256 IS NOT NULL");
    }

    /**
     * Puts the prediction back in the queue; the next claim restarts its job from the last committed chunk.
     *
     * @param countAttempt false for a release that is not the prediction's fault (the worker shutting down)
     */
    @Override
    public boolean requeue(ScoringLease lease, String reason, boolean countAttempt) {
        return queue.requeue(lease, reason, countAttempt);
    }

    private static BatchPrediction prediction(ResultSet row, int rowNumber) throws SQLException {
        String resultSha256 = row.getString("result_sha256");
        BatchPrediction.Result result = resultSha256 == null ? null
                : new BatchPrediction.Result(resultSha256, row.getLong("result_size_bytes"));
        return new BatchPrediction(row.getObject("id", UUID.class), JobStatus.valueOf(row.getString("status")),
                json(row, "request"),
                new BatchPrediction.ModelVersionRef(row.getLong("model_version_id"), row.getString("model_name"),
                        row.getInt("model_version"), row.getString("bundle_sha256")),
                new DatasetVersionRef(row.getLong("dataset_version_id"), row.getString("dataset_name"),
                        row.getInt("dataset_version")),
                row.getString("lease_holder"), instant(row, "lease_expires_at"), row.getInt("attempts"),
                row.getBoolean("cancel_requested"), row.getLong("rows_total"), row.getInt("partitions"),
                row.getLong("rows_scored_over_partitions"),
                json(row, "metrics"), result, row.getString("error"), row.getString("worker"),
                row.getObject("job_execution_id", Long.class), instant(row, "created_at"),
                instant(row, "started_at"), instant(row, "finished_at"));
    }
}
