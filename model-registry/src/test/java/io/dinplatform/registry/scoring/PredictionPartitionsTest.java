package io.dinplatform.registry.scoring;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.dinplatform.registry.EmbeddedCatalogTest;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.dataset.NewDatasetVersion;
import io.dinplatform.registry.lease.JobStatus;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.model.ModelVersion;
import io.dinplatform.registry.model.NewModelVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The partitions of batch predictions on the real PostgreSQL: hand-out, claims, progress, fencing, cancellation. */
class PredictionPartitionsTest extends EmbeddedCatalogTest {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final BatchPrediction.Result PART = new BatchPrediction.Result("c".repeat(64), 99);

    @Autowired
    BatchPredictionRepository predictions;
    @Autowired
    PredictionPartitions partitions;
    @Autowired
    DatasetRepository datasets;
    @Autowired
    ModelRepository models;
    @Autowired
    JdbcClient jdbc;

    private BatchPrediction prediction;

    @BeforeEach
    void aRunningPredictionAndAnEmptyPartitionQueue() {
        for (String table : List.of("batch_predictions", "batch_prediction_partitions")) {
            jdbc.sql("UPDATE " + table + " SET status = 'CANCELLED', lease_holder = NULL, lease_expires_at = NULL "
                    + "WHERE status IN ('QUEUED', 'RUNNING')").update();
        }
        String name = "partitioned-" + UUID.randomUUID();
        DatasetVersion dataset = datasets.createNextVersion(new NewDatasetVersion(name, "d".repeat(64), 1, 300,
                JSON.readTree("{}"), JSON.readTree("{}"), null, "dd/" + "d".repeat(62)));
        ModelVersion model = models.createNextVersion(new NewModelVersion(name, null, dataset.id(), "b".repeat(64),
                null, null));
        prediction = predictions.create(new NewBatchPrediction(JSON.readTree("{}"), model.id(), dataset.id(), 300,
                2));
        predictions.claimNext("manager", LEASE);
    }

    @Test
    void partitionsAreClaimedInIndexOrderOnceEachAndTheirProgressAddsUpToThePredictions() {
        handOut(0, 0, 150, 11);
        handOut(1, 150, 150, 12);

        PredictionPartition first = partitions.claimNext("worker-a", LEASE).orElseThrow();
        PredictionPartition second = partitions.claimNext("worker-b", LEASE).orElseThrow();

        assertThat(first.index()).isZero();
        assertThat(first.lease()).isEqualTo(new PartitionLease(first.id(), "worker-a", 1));
        assertThat(second.index()).isEqualTo(1);
        assertThat(second.firstRow()).isEqualTo(150);
        assertThat(second.stepExecutionId()).isEqualTo(12);
        assertThat(partitions.claimNext("worker-c", LEASE)).isEmpty();
        assertThat(partitions.recordProgress(first.lease(), 100)).isTrue();
        assertThat(partitions.recordProgress(second.lease(), 40)).isTrue();
        assertThat(predictions.find(prediction.id()).orElseThrow().rowsScored()).isEqualTo(140);
    }

    @Test
    void aPartitionSucceedsOnlyWithItsPartAndAnExpiredOneIsClaimedAgain() {
        handOut(0, 0, 300, 11);
        PartitionLease lease = partitions.claimNext("worker-a", LEASE).orElseThrow().lease();

        assertThat(partitions.finish(lease, JobStatus.SUCCEEDED, null)).as("no part yet").isFalse();
        expireLeases();
        PartitionLease takenOver = partitions.claimNext("worker-b", LEASE).orElseThrow().lease();
        assertThat(takenOver.attempt()).isEqualTo(2);
        assertThat(partitions.recordPart(lease, PART)).as("the dead worker's lease").isFalse();
        assertThat(partitions.recordPart(takenOver, PART)).isTrue();
        assertThat(partitions.finish(takenOver, JobStatus.SUCCEEDED, null)).isTrue();

        assertThat(partitions.of(prediction.id())).singleElement().satisfies(partition -> {
            assertThat(partition.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(partition.part()).isEqualTo(PART);
            assertThat(partition.worker()).isEqualTo("worker-b");
        });
    }

    @Test
    void handingAPartitionOutAgainFencesOutTheWorkerOfTheOldCopyAndStartsItsProgressOver() {
        handOut(0, 0, 300, 11);
        PartitionLease old = partitions.claimNext("worker-a", LEASE).orElseThrow().lease();
        partitions.recordProgress(old, 200);

        handOut(0, 0, 300, 21);

        assertThat(partitions.renew(old, LEASE)).isEmpty();
        assertThat(partitions.recordProgress(old, 250)).isFalse();
        assertThat(predictions.find(prediction.id()).orElseThrow().rowsScored()).isZero();
        PredictionPartition again = partitions.claimNext("worker-b", LEASE).orElseThrow();
        assertThat(again.stepExecutionId()).isEqualTo(21);
        assertThat(again.attempts()).isEqualTo(1);
    }

    @Test
    void cancellingThePredictionCancelsItsQueuedPartitionsAndFlagsItsRunningOnes() {
        handOut(0, 0, 150, 11);
        handOut(1, 150, 150, 12);
        PartitionLease running = partitions.claimNext("worker-a", LEASE).orElseThrow().lease();

        assertThat(predictions.requestCancel(prediction.id())).isTrue();

        assertThat(partitions.renew(running, LEASE)).contains(true);
        assertThat(partitions.of(prediction.id())).extracting(PredictionPartition::status)
                .containsExactly(JobStatus.RUNNING, JobStatus.CANCELLED);
        assertThat(partitions.claimNext("worker-b", LEASE)).isEmpty();
    }

    @Test
    void onlyTheRunningPredictionsPartitionsAreClaimed() {
        handOut(0, 0, 300, 11);
        ScoringLease manager = predictions.find(prediction.id()).orElseThrow().lease();
        predictions.requeue(manager, "shutdown", false);

        assertThat(partitions.claimNext("worker-a", LEASE)).as("its prediction is queued again").isEmpty();
        predictions.claimNext("manager", LEASE);
        assertThat(partitions.claimNext("worker-a", LEASE)).isPresent();
    }

    private void handOut(int index, long first, long count, long stepExecution) {
        partitions.enqueue(prediction.id(), new NewPartition(UUID.randomUUID(), index, first, count, 7,
                stepExecution));
    }

    private void expireLeases() {
        jdbc.sql("UPDATE batch_prediction_partitions SET lease_expires_at = now() - interval '1 second' "
                + "WHERE prediction_id = ?").param(prediction.id()).update();
    }
}
