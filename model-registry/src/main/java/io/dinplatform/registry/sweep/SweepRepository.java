package io.dinplatform.registry.sweep;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static io.dinplatform.registry.database.CatalogColumns.instant;
import static io.dinplatform.registry.database.CatalogColumns.json;
import static io.dinplatform.registry.database.CatalogColumns.jsonb;

/**
 * Sweeps and their trials. Whoever advances a sweep (queues its next trials, prunes, finishes it) first takes its row
 * with {@link #lockRunning}, inside a transaction: several platform processes may run the scheduler, and one sweep
 * is advanced by one of them at a time.
 */
public class SweepRepository {

    private final JdbcClient jdbc;

    public SweepRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Sweep create(String modelName, JsonNode definition) {
        UUID id = jdbc.sql("INSERT INTO sweeps (model_name, status, definition) VALUES (?, 'RUNNING', ?::jsonb) "
                        + "RETURNING id")
                .params(modelName, jsonb(definition)).query(UUID.class).single();
        return find(id).orElseThrow();
    }

    public Optional<Sweep> find(UUID id) {
        return jdbc.sql("SELECT * FROM sweeps WHERE id = ?").param(id).query(SweepRepository::sweep).optional();
    }

    /** The newest sweeps first. */
    public List<Sweep> findRecent(int limit) {
        return jdbc.sql("SELECT * FROM sweeps ORDER BY created_at DESC, id LIMIT ?").param(limit)
                .query(SweepRepository::sweep).list();
    }

    /** The newest sweeps first, of these models only. */
    public List<Sweep> findRecent(int limit, Collection<String> models) {
        return jdbc.sql("SELECT * FROM sweeps WHERE model_name = ANY (?::varchar[]) "
                        + "ORDER BY created_at DESC, id LIMIT ?")
                .params(models.toArray(String[]::new), limit).query(SweepRepository::sweep).list();
    }

    /** The running sweeps, oldest first. */
    public List<UUID> running() {
        return jdbc.sql("SELECT id FROM sweeps WHERE status = 'RUNNING' ORDER BY created_at").query(UUID.class)
                .list();
    }

    /**
     * The sweep, locked until the caller's transaction ends, if it is still running and nobody else holds it; empty
     * otherwise (another process is advancing it, or it has ended).
     */
    public Optional<Sweep> lockRunning(UUID id) {
        return jdbc.sql("SELECT * FROM sweeps WHERE id = ? AND status = 'RUNNING' FOR UPDATE SKIP LOCKED").param(id)
                .query(SweepRepository::sweep).optional();
    }

    public List<SweepTrial> trials(UUID sweepId) {
        return jdbc.sql("SELECT * FROM sweep_trials WHERE sweep_id = ? ORDER BY trial").param(sweepId)
                .query(SweepRepository::trial).list();
    }

    public void addTrial(UUID sweepId, SweepTrial trial) {
        jdbc.sql("INSERT INTO sweep_trials (sweep_id, trial, run_id, parameters) VALUES (?, ?, ?, ?::jsonb)")
                .params(sweepId, trial.trial(), trial.runId(), jsonb(trial.parameters())).update();
    }

    public void markPruned(UUID sweepId, int trial) {
        jdbc.sql("UPDATE sweep_trials SET pruned = true WHERE sweep_id = ? AND trial = ?").params(sweepId, trial)
                .update();
    }

    /** Ends a running sweep; false when it had already ended. */
    public boolean finish(UUID id, SweepStatus status, UUID bestRunId, String error) {
        return jdbc.sql("""
                        UPDATE sweeps SET status = ?, best_run_id = ?, error = ?, finished_at = now()
                        WHERE id = ? AND status = 'RUNNING'
                        """)
                .params(status.name(), bestRunId, error, id).update() == 1;
    }

    private static Sweep sweep(ResultSet row, int rowNumber) throws SQLException {
        return new Sweep(row.getObject("id", UUID.class), row.getString("model_name"),
                SweepStatus.valueOf(row.getString("status")), json(row, "definition"),
                row.getObject("best_run_id", UUID.class), row.getString("error"), instant(row, "created_at"),
                instant(row, "finished_at"));
    }

    private static SweepTrial trial(ResultSet row, int rowNumber) throws SQLException {
        return new SweepTrial(row.getInt("trial"), row.getObject("run_id", UUID.class), json(row, "parameters"),
                row.getBoolean("pruned"));
    }
}
