package io.dinplatform.registry.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.dinplatform.registry.dataset.DatasetVersionRef;
import io.dinplatform.registry.lease.JobStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

import static io.dinplatform.registry.database.CatalogColumns.instant;
import static io.dinplatform.registry.database.CatalogColumns.json;
import static io.dinplatform.registry.database.CatalogColumns.jsonb;

/**
 * Training runs as users see them: queue one, read its record and its events, ask it to stop. What workers do with
 * a run (claim it, hold its lease, finish it) is the {@link RunQueue}'s, fenced by the worker's lease.
 */
public class TrainingRunRepository {

    private static final String RUN_COLUMNS = """
            SELECT r.*, d.name AS dataset_name, dv.version AS dataset_version,
                   m.name AS registered_model_name, mv.version AS registered_version
            FROM training_runs r
            JOIN dataset_versions dv ON dv.id = r.dataset_version_id
            JOIN datasets d ON d.id = dv.dataset_id
            LEFT JOIN model_versions mv ON mv.id = r.model_version_id
            LEFT JOIN registered_models m ON m.id = mv.model_id
            """;

    private final JdbcClient jdbc;

    public TrainingRunRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Queues a run. */
    public TrainingRun create(NewTrainingRun run) {
        UUID id = jdbc.sql("""
                        INSERT INTO training_runs (model_name, status, request, dataset_version_id, requested_by)
                        VALUES (?, 'QUEUED', ?::jsonb, ?, ?)
                        RETURNING id
                        """)
                .params(run.modelName(), jsonb(run.request().toJson()), run.datasetVersionId(), run.requestedBy())
                .query(UUID.class).single();
        return find(id).orElseThrow();
    }

    public Optional<TrainingRun> find(UUID id) {
        return jdbc.sql(RUN_COLUMNS + " WHERE r.id = ?").param(id).query(TrainingRunRepository::run).optional();
    }

    /** The newest runs first, optionally of one status. */
    public List<TrainingRun> findRecent(JobStatus status, int limit) {
        String statusName = status == null ? null : status.name();
        return jdbc.sql(RUN_COLUMNS + """
                         WHERE (CAST(? AS VARCHAR) IS NULL OR r.status = CAST(? AS VARCHAR))
                        ORDER BY r.created_at DESC, r.id LIMIT ?
                        """)
                .params(statusName, statusName, limit).query(TrainingRunRepository::run).list();
    }

    /** The newest runs first, optionally of one status, of these models only. */
    public List<TrainingRun> findRecent(JobStatus status, int limit, Collection<String> models) {
        String statusName = status == null ? null : status.name();
        return jdbc.sql(RUN_COLUMNS + """
                         WHERE (CAST(? AS VARCHAR) IS NULL OR r.status = CAST(? AS VARCHAR))
                           AND r.model_name = ANY (?::varchar[])
                        ORDER BY r.created_at DESC, r.id LIMIT ?
                        """)
                .params(statusName, statusName, models.toArray(String[]::new), limit)
                .query(TrainingRunRepository::run).list();
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM training_runs").query(Long.class).single();
    }

    /**
     * Ends a queued or running run as FAILED with the reason a user reads, whoever holds it: for an operator (or a
     * test) ending a run from outside; a worker ends its own runs through {@link RunQueue#finish}.
     */
    public boolean markFailed(UUID runId, String error) {
        return finish(runId, JobStatus.FAILED, error);
    }

    /**
     * Asks a run to stop: a queued run is cancelled at once; a running one is flagged, and its worker learns of it at
     * its next heartbeat, stops between mini-batches and ends the run CANCELLED. False when the run had already
     * finished.
     */
    @Transactional
    public boolean requestCancel(UUID runId) {
        int queued = jdbc.sql("""
                        UPDATE training_runs SET status = 'CANCELLED', cancel_requested = true, finished_at = now()
                        WHERE id = ? AND status = 'QUEUED'
                        """)
                .param(runId).update();
        if (queued == 1) {
            return true;
        }
        return jdbc.sql("UPDATE training_runs SET cancel_requested = true WHERE id = ? AND status = 'RUNNING'")
                .param(runId).update() == 1;
    }

    /** Appends a progress or metric point for live views. */
    public RunEvent appendEvent(UUID runId, String type, JsonNode payload) {
        return jdbc.sql("""
                        INSERT INTO run_events (run_id, type, payload) VALUES (?, ?, ?::jsonb)
                        RETURNING id, run_id, type, payload, created_at
                        """)
                .params(runId, type, jsonb(payload)).query(TrainingRunRepository::event).single();
    }

    /** The run's events after the given id (0 for all), in order. */
    public List<RunEvent> eventsAfter(UUID runId, long afterId, int limit) {
        return jdbc.sql("SELECT * FROM run_events WHERE run_id = ? AND id > ? ORDER BY id LIMIT ?")
                .params(runId, afterId, limit).query(TrainingRunRepository::event).list();
    }

    private boolean finish(UUID runId, JobStatus status, String error) {
        return jdbc.sql("""
                        UPDATE training_runs
                        SET status = ?, error = ?, finished_at = now(), lease_holder = NULL, lease_expires_at = NULL
                        WHERE id = ? AND status IN ('QUEUED', 'RUNNING')
                        """)
                .params(status.name(), error, runId).update() == 1;
    }

    private static TrainingRun run(ResultSet row, int rowNumber) throws SQLException {
        long modelVersionId = row.getLong("model_version_id");
        TrainingRun.ModelVersionRef modelVersion = row.wasNull() ? null : new TrainingRun.ModelVersionRef(
                modelVersionId, row.getString("registered_model_name"), row.getInt("registered_version"));
        return new TrainingRun(row.getObject("id", UUID.class), row.getString("model_name"),
                JobStatus.valueOf(row.getString("status")), RunRequest.fromJson(json(row, "request")),
                new DatasetVersionRef(row.getLong("dataset_version_id"), row.getString("dataset_name"),
                        row.getInt("dataset_version")),
                row.getString("lease_holder"), instant(row, "lease_expires_at"), instant(row, "heartbeat_at"),
                row.getInt("attempts"), row.getBoolean("cancel_requested"), json(row, "progress"),
                json(row, "metrics"), row.getString("error"), row.getString("device"), row.getString("worker"),
                row.getObject("job_execution_id", Long.class), modelVersion, instant(row, "created_at"),
                instant(row, "started_at"), instant(row, "finished_at"), row.getString("requested_by"));
    }

    private static RunEvent event(ResultSet row, int rowNumber) throws SQLException {
        return new RunEvent(row.getLong("id"), row.getObject("run_id", UUID.class), row.getString("type"),
                json(row, "payload"), instant(row, "created_at"));
    }
}
