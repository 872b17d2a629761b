package io.dinplatform.registry.lease;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.dinplatform.registry.lease.JobStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The statements of a leased queue over one table, written once for every kind of leased job. The table has the
 * queue's columns: {@code id, status, lease_holder, lease_expires_at, heartbeat_at, attempts, worker, started_at,
 * finished_at, error, cancel_requested, created_at}.
 *
 * <p>Claiming is one statement: {@code FOR UPDATE SKIP LOCKED} picks the oldest claimable row that no concurrent
 * claimer has locked, and the same statement marks it RUNNING under the claimant's lease, so any number of workers
 * can poll at once and a job goes to exactly one of them. Claimable means QUEUED, or RUNNING with an expired lease
 * (its worker died or lost contact). Every write after the claim is fenced by the {@link Lease}: it only applies
 * while the row still names this holder and this attempt. Time is always the database's {@code now()}: workers on
 * different machines share no other clock.
 */
public final class LeasedTable {

    /** The condition that fences a write to one claim; bind it with {@link #fence(Lease)}. */
    public static final String HELD = "id = :id AND status = 'RUNNING' AND lease_holder = :holder"
            + " AND attempts = :attempt";

    private final JdbcClient jdbc;
    private final String table;

    /** @param table the table's name, a constant of the caller's (never user input) */
    public LeasedTable(JdbcClient jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    /** The named parameters of {@link #HELD}. */
    public static Map<String, Object> fence(Lease lease) {
        return Map.of("id", lease.jobId(), "holder", lease.holder(), "attempt", lease.attempt());
    }

    /**
     * The claim of the oldest claimable row that also meets {@code eligibility} (a condition on the row), for the
     * named {@code worker} with a lease of the given length; query it for the {@code returning} columns.
     */
    public JdbcClient.StatementSpec claim(String worker, Duration lease, String eligibility, String returning) {
        return jdbc.sql("""
                        UPDATE %1$s
                        SET status = 'RUNNING', lease_holder = :worker, worker = :worker,
                            lease_expires_at = now() + make_interval(secs => :seconds), heartbeat_at = now(),
                            attempts = attempts + 1, started_at = COALESCE(started_at, now()), error = NULL
                        WHERE id = (SELECT id FROM %1$s
                                    WHERE (status = 'QUEUED' OR (status = 'RUNNING' AND lease_expires_at < now()))
                                      AND (%2$s)
                                    ORDER BY created_at
                                    LIMIT 1
                                    FOR UPDATE SKIP LOCKED)
                        RETURNING %3$s
                        """.formatted(table, eligibility, returning))
                .param("worker", worker)
                .param("seconds", seconds(lease));
    }

    /**
     * An update of the held row, fenced by the lease: bind the assignments' own parameters, and the update applies
     * (counts one row) only while the lease holds.
     *
     * @param assignments the SET clause, e.g. {@code "rows_scored = :rows"}
     */
    public JdbcClient.StatementSpec update(Lease lease, String assignments) {
        return jdbc.sql("UPDATE " + table + " SET " + assignments + " WHERE " + HELD).params(fence(lease));
    }

    /** See {@link LeasedQueue#renew}. */
    public Optional<Boolean> renew(Lease lease, Duration duration) {
        return jdbc.sql("UPDATE " + table + " SET lease_expires_at = now() + make_interval(secs => :seconds),"
                        + " heartbeat_at = now() WHERE " + HELD + " RETURNING cancel_requested")
                .param("seconds", seconds(duration))
                .params(fence(lease))
                .query(Boolean.class)
                .optional();
    }

    /**
     * See {@link LeasedQueue#finish}.
     *
     * @param succeeded what a row must show to end SUCCEEDED (a condition on the row, e.g. its recorded result)
     */
    public boolean finish(Lease lease, JobStatus status, String error, String succeeded) {
        if (!status.isFinal()) {
            throw new IllegalArgumentException(status + " is not a final status");
        }
        return jdbc.sql("""
                        UPDATE %s
                        SET status = :status, error = :error, finished_at = now(),
                            lease_holder = NULL, lease_expires_at = NULL
                        WHERE (:status <> 'SUCCEEDED' OR (%s)) AND %s
                        """.formatted(table, succeeded, HELD))
                .param("status", status.name())
                .param("error", error)
                .params(fence(lease))
                .update() == 1;
    }

    /** See {@link LeasedQueue#requeue}. */
    public boolean requeue(Lease lease, String reason, boolean countAttempt) {
        return jdbc.sql("""
                        UPDATE %s
                        SET status = 'QUEUED', error = :reason, lease_holder = NULL, lease_expires_at = NULL,
                            attempts = CASE WHEN :count THEN attempts ELSE attempts - 1 END
                        WHERE %s
                        """.formatted(table, HELD))
                .param("reason", reason)
                .param("count", countAttempt)
                .params(fence(lease))
                .update() == 1;
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
