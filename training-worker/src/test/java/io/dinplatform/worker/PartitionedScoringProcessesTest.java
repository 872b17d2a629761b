package io.dinplatform.worker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.dinplatform.core.data.synthetic.SyntheticConfig;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.lease.JobStatus;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.model.ModelVersion;
import io.dinplatform.registry.run.TrainingRunRepository;
import io.dinplatform.registry.scoring.BatchPrediction;
import io.dinplatform.registry.scoring.BatchPredictionRepository;
import io.dinplatform.registry.scoring.NewBatchPrediction;
import io.dinplatform.registry.scoring.PredictionPartition;
import io.dinplatform.registry.scoring.PredictionPartitions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A batch prediction partitioned over two worker processes that share nothing but the database and the object
 * store, as on separate hosts: both score partitions, one is killed with SIGKILL in the middle of a partition and the other scores that
 * partition again, and the result has exactly the bytes of the same prediction scored in one partition by one
 * worker.
 *
 * <p>The processes get the compose service's environment (see {@link SeparateHostsTest}), with short leases and
 * small chunks so that the kill lands mid-partition and the takeover is quick.
 */
class PartitionedScoringProcessesTest extends SeparateHostsTest {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration SCORING_TIMEOUT = Duration.ofMinutes(4);
    /** 4,000 rows: four partitions of 1,000, each of 20 chunks. */
    private static final SyntheticConfig SCORED = new SyntheticConfig(400, 60, 8, 2, 8, 10, 0.05, 29);
    private static final Map<String, String> FAST_TAKEOVER = Map.of(
            "DIN_WORKER_LEASE_DURATION", "4s",
            "DIN_WORKER_HEARTBEAT_INTERVAL", "500ms",
            "DIN_WORKER_POLL_INTERVAL", "100ms",
            "DIN_BATCH_PREDICTIONS_CHUNK_SIZE", "50");

    @Autowired
    BatchPredictionRepository predictions;
    @Autowired
    PredictionPartitions partitions;
    @Autowired
    TrainingRunRepository runs;
    @Autowired
    DatasetRepository datasets;
    @Autowired
    ModelRepository models;
    @Autowired
    ArtifactStore artifacts;
    @TempDir
    Path work;

    @Test
    void twoProcessesScoreThePartitionsAndAKilledOnesPartitionIsScoredAgainByTheOther() throws Exception {
        TestCatalog catalog = new TestCatalog(datasets, runs, artifacts);
        DatasetVersion dataset = catalog.registerSynthetic("partitioned-" + UUID.randomUUID(), SCORED);
        ModelVersion model = TestModels.trainAndRegister(artifacts, models, "partitioned-" + UUID.randomUUID(),
                catalog.registerSynthetic("partitioned-training-" + UUID.randomUUID(), TestCatalog.TINY));

        try (WorkerProcess doomed = start("doomed-worker", FAST_TAKEOVER);
             WorkerProcess survivor = start("survivor-worker", FAST_TAKEOVER)) {
            doomed.awaitReady(START_TIMEOUT);
            survivor.awaitReady(START_TIMEOUT);
            UUID id = queue(model, dataset, 4);

            PredictionPartition killedMidway = await().atMost(SCORING_TIMEOUT).pollInterval(Duration.ofMillis(10))
                    .until(() -> midPartition(id, doomed.id()), partition -> partition != null);
            doomed.kill();

            BatchPrediction prediction = awaitFinal(id);
            assertThat(prediction.status()).as("error: %s\n%s", prediction.error(), survivor.tail())
                    .isEqualTo(JobStatus.SUCCEEDED);
            List<PredictionPartition> scored = partitions.of(id);
            assertThat(scored).extracting(PredictionPartition::status).containsOnly(JobStatus.SUCCEEDED)
                    .hasSize(4);
            assertThat(scored.get(killedMidway.index()).worker()).as("the killed worker's partition")
                    .isEqualTo(survivor.id());
            assertThat(scored).extracting(PredictionPartition::worker).contains(survivor.id());
            assertThat(prediction.rowsScored()).isEqualTo(dataset.rows());
            UUID whole = queue(model, dataset, 1);
            BatchPrediction oneWorkerOnePartition = awaitFinal(whole);
            assertThat(oneWorkerOnePartition.worker()).isEqualTo(survivor.id());
            assertThat(prediction.result()).as("the same bytes as one partition on one worker")
                    .isEqualTo(oneWorkerOnePartition.result());
        }
    }

    private UUID queue(ModelVersion model, DatasetVersion dataset, int partitionCount) {
        return predictions.create(new NewBatchPrediction(JsonMapper.shared().createObjectNode(), model.id(),
                dataset.id(), dataset.rows(), partitionCount)).id();
    }

    /** A partition that the worker holds and has scored some but not all rows of; null when there is none. */
    private PredictionPartition midPartition(UUID predictionId, String worker) {
        return partitions.of(predictionId).stream()
                .filter(partition -> partition.status() == JobStatus.RUNNING && worker.equals(partition.leaseHolder()))
                .filter(partition -> partition.rowsScored() > 0 && partition.rowsScored() < partition.rowCount())
                .findFirst().orElse(null);
    }

    private BatchPrediction awaitFinal(UUID id) {
        await().atMost(SCORING_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> predictions.find(id).orElseThrow().status().isFinal());
        return predictions.find(id).orElseThrow();
    }

    private WorkerProcess start(String name, Map<String, String> settings) throws IOException {
        return startWorker(name, settings, work);
    }
}
