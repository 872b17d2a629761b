package io.dinplatform.registry.scoring;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.dinplatform.registry.lease.JobStatus;
import io.dinplatform.registry.lease.LeasedQueue;
import io.dinplatform.registry.lease.LeasedTable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The partitions of batch predictions: the queue that any worker claims them from, and the record of each one's
 * progress and part.
 *
 * <p>The queue is a {@link LeasedTable} like the predictions' own: a worker that dies mid-partition stops renewing
 * its lease, and once the lease expires another worker claims the partition and scores it again. Cancelling a
 * prediction ({@link BatchPredictionRepository#requestCancel}) cancels its queued partitions and flags its running
 * ones, which their workers' heartbeats report.
 */
public class PredictionPartitions implements LeasedQueue<PartitionLease> {

    private static final String RUNNING_PREDICTION = "EXISTS (SELECT 1 FROM batch_predictions p"
            + " WHERE p.id = prediction_id AND p.status = 'RUNNING')";

    private final JdbcClient jdbc;
    private final LeasedTable queue;

    public PredictionPartitions(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.queue = new LeasedTable(jdbc, "batch_prediction_partitions");
    }

    /**
     * Hands out a partition, queued for any worker: it replaces what an earlier execution of the prediction's job
     * left for the same index, so a worker still scoring that copy finds its lease gone.
     */
    public void enqueue(UUID predictionId, NewPartition partition) {
        jdbc.sql("""
                        INSERT INTO batch_prediction_partitions (id, prediction_id, partition_index, first_row,
                                                                 row_count, job_execution_id, step_execution_id,
                                                                 status)
                        VALUES (:id, :prediction, :index, :first, :count, :job, :step, 'QUEUED')
                        ON CONFLICT (prediction_id, partition_index) DO UPDATE
                        SET id = EXCLUDED.id, first_row = EXCLUDED.first_row, row_count = EXCLUDED.row_count,
                            job_execution_id = EXCLUDED.job_execution_id,
                            step_execution_id = EXCLUDED.step_execution_id, status = 'QUEUED',
                            lease_holder = NULL, lease_expires_at = NULL, heartbeat_at = NULL, attempts = 0,
                            cancel_requested = false, rows_scored = 0, part_sha256 = NULL, part_size_bytes = NULL,
                            error = NULL, worker = NULL, created_at = clock_timestamp(), started_at = NULL,
                            finished_at = NULL
                        """)
                .param("id", partition.id())
                .param("prediction", predictionId)
                .param("index", partition.index())
                .param("first", partition.firstRow())
                .param("count", partition.rowCount())
                .param("job", partition.jobExecutionId())
                .param("step", partition.stepExecutionId())
                .update();
    }

    public Optional<PredictionPartition> find(UUID id) {
        return jdbc.sql("SELECT * FROM batch_prediction_partitions WHERE id = ?").param(id)
                .query(PredictionPartitions::partition).optional();
    }

    /** The prediction's partitions, in the order of the result. */
    public List<PredictionPartition> of(UUID predictionId) {
        return jdbc.sql("SELECT * FROM batch_prediction_partitions WHERE prediction_id = ? ORDER BY partition_index")
                .param(predictionId)
                .query(PredictionPartitions::partition).list();
    }

    /**
     * Claims the next partition for {@code worker} with a lease of the given length; empty when none waits. Only a
     * running prediction's partitions are claimed: one that went back to the queue hands its partitions out again
     * when it resumes, and a finished one needs none.
     */
    public Optional<PredictionPartition> claimNext(String worker, Duration lease) {
        return queue.claim(worker, lease, RUNNING_PREDICTION, "id")
                .query(UUID.class)
                .optional()
                .flatMap(this::find);
    }

    /** The partition's rows scored and committed so far. False when the lease is lost. */
    public boolean recordProgress(PartitionLease lease, long rowsScored) {
        return queue.update(lease, "rows_scored = :rows")
                .param("rows", rowsScored)
                .update() == 1;
    }

    /** The partition's scores, stored. False when the lease is lost. */
    public boolean recordPart(PartitionLease lease, BatchPrediction.Result part) {
        return queue.update(lease, "part_sha256 = :sha256, part_size_bytes = :size")
                .param("sha256", part.sha256())
                .param("size", part.sizeBytes())
                .update() == 1;
    }

    @Override
    public Optional<Boolean> renew(PartitionLease lease, Duration duration) {
        return queue.renew(lease, duration);
    }

    /** Ends the partition; SUCCEEDED requires its recorded part. False when the lease is lost. */
    @Override
    public boolean finish(PartitionLease lease, JobStatus status, String error) {
        return queue.finish(lease, status, error, "part_sha256 IS NOT NULL");
    }

    @Override
    public boolean requeue(PartitionLease lease, String reason, boolean countAttempt) {
        return queue.requeue(lease, reason, countAttempt);
    }

    private static PredictionPartition partition(ResultSet row, int rowNumber) throws SQLException {
        String partSha256 = row.getString("part_sha256");
        return new PredictionPartition(row.getObject("id", UUID.class), row.getObject("prediction_id", UUID.class),
                row.getInt("partition_index"), row.getLong("first_row"), row.getLong("row_count"),
                row.getLong("job_execution_id"), row.getLong("step_execution_id"),
                JobStatus.valueOf(row.getString("status")), row.getString("lease_holder"), row.getInt("attempts"),
                row.getLong("rows_scored"),
                partSha256 == null ? null : new BatchPrediction.Result(partSha256, row.getLong("part_size_bytes")),
                row.getString("error"), row.getString("worker"));
    }
}
