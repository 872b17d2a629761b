package io.dinplatform.registry.scoring;

import java.time.Duration;
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

/** The batch predictions' record and queue on the real PostgreSQL: claims, fenced writes, cancellation. */
class BatchPredictionRepositoryTest extends EmbeddedCatalogTest {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final BatchPrediction.Result RESULT = new BatchPrediction.Result("e".repeat(64), 1234);

    @Autowired
    BatchPredictionRepository predictions;
    @Autowired
    DatasetRepository datasets;
    @Autowired
    ModelRepository models;
    @Autowired
    JdbcClient jdbc;

    private DatasetVersion dataset;
    private ModelVersion model;

    @BeforeEach
    void emptyQueueWithADatasetAndAModel() {
        // Claiming takes the oldest claimable prediction of the whole table: every test starts from an empty queue.
        jdbc.sql("UPDATE batch_predictions SET status = 'CANCELLED', lease_holder = NULL, lease_expires_at = NULL "
                + "WHERE status IN ('QUEUED', 'RUNNING')").update();
        String name = "scored-" + UUID.randomUUID();
        dataset = datasets.createNextVersion(new NewDatasetVersion(name, "d".repeat(64), 1, 300,
                JSON.readTree("{}"), JSON.readTree("{}"), null, "dd/" + "d".repeat(62)));
        model = models.createNextVersion(new NewModelVersion(name, null, dataset.id(), "b".repeat(64), null, null));
    }

    @Test
    void aNewPredictionIsQueuedWithItsResolvedModelVersionAndDataset() {
        BatchPrediction prediction = queue();

        assertThat(prediction.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(prediction.model()).isEqualTo(new BatchPrediction.ModelVersionRef(model.id(), model.modelName(),
                1, "b".repeat(64)));
        assertThat(prediction.dataset().id()).isEqualTo(dataset.id());
        assertThat(prediction.rowsTotal()).isEqualTo(300);
        assertThat(prediction.rowsScored()).isZero();
        assertThat(prediction.partitions()).isEqualTo(3);
        assertThat(prediction.result()).isNull();
        assertThat(predictions.find(prediction.id())).contains(prediction);
        BatchPrediction newer = queue();
        assertThat(predictions.findRecent(2)).extracting(BatchPrediction::id)
                .containsExactly(newer.id(), prediction.id());
    }

    @Test
    void eachQueuedPredictionIsClaimedOnceOldestFirstAndAnExpiredLeaseIsClaimedAgain() {
        BatchPrediction first = queue();
        BatchPrediction second = queue();

        BatchPrediction claimed = predictions.claimNext("worker-a", LEASE).orElseThrow();
        assertThat(claimed.id()).isEqualTo(first.id());
        assertThat(claimed.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(claimed.lease()).isEqualTo(new ScoringLease(first.id(), "worker-a", 1));
        assertThat(predictions.claimNext("worker-b", LEASE).orElseThrow().id()).isEqualTo(second.id());
        assertThat(predictions.claimNext("worker-c", LEASE)).isEmpty();

        expireLease(first.id());
        BatchPrediction takenOver = predictions.claimNext("worker-c", LEASE).orElseThrow();
        assertThat(takenOver.lease()).isEqualTo(new ScoringLease(first.id(), "worker-c", 2));
    }

    @Test
    void aWorkerThatLostItsLeaseCanWriteNothingMore() {
        BatchPrediction prediction = queue();
        ScoringLease old = predictions.claimNext("worker-a", LEASE).orElseThrow().lease();
        expireLease(prediction.id());
        ScoringLease current = predictions.claimNext("worker-b", LEASE).orElseThrow().lease();

        assertThat(predictions.renew(old, LEASE)).isEmpty();
        assertThat(predictions.recordResult(old, RESULT, null)).isFalse();
        assertThat(predictions.finish(old, JobStatus.FAILED, "stale")).isFalse();
        assertThat(predictions.requeue(old, "stale", true)).isFalse();

        assertThat(predictions.renew(current, LEASE)).contains(false);
        assertThat(predictions.recordExecution(current, 150)).isTrue();
        assertThat(predictions.find(prediction.id()).orElseThrow().jobExecutionId()).isEqualTo(150);
    }

    @Test
    void successNeedsAResultAndRecordsMetricsAndEndsTheLease() {
        BatchPrediction prediction = queue();
        ScoringLease lease = predictions.claimNext("worker-a", LEASE).orElseThrow().lease();

        assertThat(predictions.finish(lease, JobStatus.SUCCEEDED, null)).as("no result yet").isFalse();
        assertThat(predictions.recordResult(lease, RESULT, JSON.readTree("{\"auc\": 0.7}"))).isTrue();
        assertThat(predictions.finish(lease, JobStatus.SUCCEEDED, null)).isTrue();

        BatchPrediction succeeded = predictions.find(prediction.id()).orElseThrow();
        assertThat(succeeded.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(succeeded.result()).isEqualTo(RESULT);
        assertThat(succeeded.metrics().path("auc").asDouble()).isEqualTo(0.7);
        assertThat(succeeded.leaseHolder()).isNull();
        assertThat(succeeded.finishedAt()).isNotNull();
    }

    @Test
    void aRequeuedPredictionIsClaimedAgainAndAShutdownDoesNotCountAsAnAttempt() {
        BatchPrediction prediction = queue();
        ScoringLease lease = predictions.claimNext("worker-a", LEASE).orElseThrow().lease();

        assertThat(predictions.requeue(lease, "worker shut down", false)).isTrue();

        BatchPrediction requeued = predictions.find(prediction.id()).orElseThrow();
        assertThat(requeued.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(requeued.error()).isEqualTo("worker shut down");
        assertThat(predictions.claimNext("worker-b", LEASE).orElseThrow().lease().attempt()).isEqualTo(1);
    }

    @Test
    void cancellingAQueuedPredictionEndsItAtOnceARunningOneIsFlaggedAndAFinishedOneStays() {
        BatchPrediction queued = queue();
        assertThat(predictions.requestCancel(queued.id())).isTrue();
        assertThat(predictions.find(queued.id()).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(predictions.requestCancel(queued.id())).isFalse();

        BatchPrediction running = queue();
        ScoringLease lease = predictions.claimNext("worker-a", LEASE).orElseThrow().lease();
        assertThat(predictions.requestCancel(running.id())).isTrue();
        assertThat(predictions.find(running.id()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
        assertThat(predictions.renew(lease, LEASE)).contains(true);
    }

    private BatchPrediction queue() {
        return predictions.create(new NewBatchPrediction(JSON.readTree("{\"model\": {\"name\": \"m\"}}"),
                model.id(), dataset.id(), dataset.rows(), 3));
    }

    private void expireLease(UUID id) {
        jdbc.sql("UPDATE batch_predictions SET lease_expires_at = now() - interval '1 second' WHERE id = ?")
                .param(id).update();
    }
}
