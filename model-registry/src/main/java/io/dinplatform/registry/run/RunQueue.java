package io.dinplatform.registry.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.dinplatform.registry.audit.Principals;
import io.dinplatform.registry.lease.JobStatus;
import io.dinplatform.registry.lease.LeasedQueue;
import io.dinplatform.registry.lease.LeasedTable;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static io.dinplatform.registry.database.CatalogColumns.json;
import static io.dinplatform.registry.database.CatalogColumns.jsonb;
import static io.dinplatform.registry.lease.LeasedTable.fence;

/**
 * The training-run queue as workers see it: claim, renew, release, finish, all over the {@code training_runs} table.
 *
 * <p>Claiming is one statement ({@link LeasedTable#claim}): any number of workers can poll at once; a run goes to
 * exactly one of them and nobody waits for another's claim. Claimable means QUEUED, or RUNNING with an expired lease
 * (its worker died or lost contact).
 *
 * <p>A run that asks for a GPU ({@code "training": {"device": "GPU"}} in its {@link RunRequest}, where every
 * default is written out) goes to a worker with one: a worker without a GPU skips it while any live worker advertises a
 * GPU ({@link TrainingWorkers}), and claims it only when none does, to refuse it with a clear error rather than leave
 * it queued for a GPU that is not there.
 *
 * <p>Every write after the claim is fenced by the {@link RunLease}: it only applies while the row still names this
 * holder and this attempt, so a worker that lost its run cannot overwrite what the new holder does. Time is always the
 * database's {@code now()}: workers on different machines share no other clock.
 */
public class RunQueue implements LeasedQueue<RunLease> {

    private final JdbcClient jdbc;
    private final LeasedTable runs;

    public RunQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.runs = new LeasedTable(jdbc, "training_runs");
    }

    /**
     * Claims the next run for the worker with a lease of the given length; empty when there is nothing to do.
     *
     * @param worker the claimant, as it advertises itself: its id, and whether it can train a run that asks for a GPU
     */
    public Optional<ClaimedRun> claimNext(WorkerAdvertisement worker, Duration lease) {
        return runs.claim(worker.workerId(), lease, """
                        :hasGpu
                        OR (request #>> '%s') IS DISTINCT FROM 'GPU'
                        OR NOT EXISTS (SELECT 1 FROM training_workers w WHERE w.gpus > 0 AND w.expires_at > now())
                        """.formatted(RunRequest.devicePath()),
                        "id, lease_holder, attempts, model_name, request, dataset_version_id, cancel_requested,"
                        + " job_execution_id, requested_by")
                .param("hasGpu", worker.hasGpu())
                .query(RunQueue::claimed)
                .optional();
    }

    /**
     * Extends the lease (the heartbeat). Empty when the lease is lost: the run was finished, released, or claimed
     * by another worker after this lease expired; the holder must stop working on it. Otherwise whether a user has
     * asked to cancel the run.
     */
    @Override
    public Optional<Boolean> renew(RunLease lease, Duration duration) {
        return runs.renew(lease, duration);
    }

    /** Where the run executes: the Spring Batch execution and the device. False when the lease is lost. */
    public boolean recordExecution(RunLease lease, long jobExecutionId, String device) {
        return runs.update(lease, "job_execution_id = :execution, device = :device")
                .param("execution", jobExecutionId)
                .param("device", device)
                .update() == 1;
    }

    /** Replaces the run's latest progress (JSON). False when the lease is lost. */
    public boolean recordProgress(RunLease lease, JsonNode progress) {
        return runs.update(lease, "progress = CAST(:progress AS jsonb)")
                .param("progress", jsonb(progress))
                .update() == 1;
    }

    /**
     * Ends the run in a final state with an optional reason (the error a user reads). SUCCEEDED requires that the
     * run has registered its model version. False when the lease is lost.
     */
    @Override
    public boolean finish(RunLease lease, JobStatus status, String error) {
        return runs.finish(lease, status, error, "model_version_id IS NOT NULL");
    }

    /**
     * Puts the run back in the queue for another attempt, on any worker, which resumes it from its last checkpoint.
     *
     * @param reason         why (kept in the run's error until the next claim clears it)
     * @param countAttempt   false for a release that is not the run's fault (a graceful shutdown of the worker):
     *                       the claim is then not counted against the run's bounded retries
     */
    @Override
    public boolean requeue(RunLease lease, String reason, boolean countAttempt) {
        return runs.requeue(lease, reason, countAttempt);
    }

    /** Whether the lease is still this worker's, read without extending it. */
    public boolean holds(RunLease lease) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM training_runs
                                       WHERE id = :id AND status = 'RUNNING' AND lease_holder = :holder
                                         AND attempts = :attempt)
                        """)
                .params(fence(lease))
                .query(Boolean.class)
                .single();
    }

    /**
     * Locks the run's row for the rest of the caller's transaction if the lease is still this worker's, so that a
     * registration and the run's update commit together or not at all; empty when the lease is lost. The value is
     * the model version the run already registered (a resumed run must not register twice), or null.
     */
    public Optional<Optional<Long>> lockHeld(RunLease lease) {
        return jdbc.sql("""
                        SELECT model_version_id FROM training_runs
                        WHERE id = :id AND status = 'RUNNING' AND lease_holder = :holder AND attempts = :attempt
                        FOR UPDATE
                        """)
                .params(fence(lease))
                .query((row, n) -> Optional.ofNullable(row.getObject("model_version_id", Long.class)))
                .optional();
    }

    /**
     * Links the run to the version it registered, with its test metrics; call inside {@link #lockHeld}'s
     * transaction.
     */
    public void recordRegistration(RunLease lease, long modelVersionId, JsonNode metrics) {
        int updated = runs.update(lease, "model_version_id = :version, metrics = CAST(:metrics AS jsonb)")
                .param("version", modelVersionId)
                .param("metrics", jsonb(metrics))
                .update();
        if (updated != 1) {
            throw new LeaseLostException(lease);
        }
    }

    private static ClaimedRun claimed(ResultSet row, int rowNumber) throws SQLException {
        RunLease lease = new RunLease(row.getObject("id", UUID.class), row.getString("lease_holder"),
                row.getInt("attempts"));
        return new ClaimedRun(lease, row.getString("model_name"), RunRequest.fromJson(json(row, "request")),
                row.getLong("dataset_version_id"), row.getBoolean("cancel_requested"),
                row.getObject("job_execution_id", Long.class),
                Objects.requireNonNullElse(row.getString("requested_by"), Principals.SYSTEM));
    }
}
