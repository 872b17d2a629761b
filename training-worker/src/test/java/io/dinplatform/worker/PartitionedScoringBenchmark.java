package io.dinplatform.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.dinplatform.core.device.DeviceChoice;
import io.dinplatform.core.model.ArchitectureConfig;
import io.dinplatform.core.model.AttentionConfig;
import io.dinplatform.core.model.MlpConfig;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.core.nn.ActivationType;
import io.dinplatform.core.train.OptimizerConfig;
import io.dinplatform.core.train.RegularizationConfig;
import io.dinplatform.core.train.TrainingConfig;
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
import io.dinplatform.worker.steps.RunSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Prints the wall time of a batch prediction of MovieLens 100K over two worker processes with one partition and
 * with four (in the order 1, 4, 1, so that a change of load shows), from queued to SUCCEEDED, and checks that the
 * results have the same bytes. A benchmark, not a test of speed: run it with {@code -Ddin.benchmarks=true}.
 */
@EnabledIfSystemProperty(named = "din.benchmarks", matches = "true")
class PartitionedScoringBenchmark extends SeparateHostsTest {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    @Autowired
    BatchPredictionRepository predictions;
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
    void movieLensWithOneAndWithFourPartitionsOverTwoWorkers() throws Exception {
        Path data = Path.of(System.getProperty("din.shared.dir", "../shared"), "data", "movielens-100k");
        assumeTrue(Files.isRegularFile(data.resolve("u.data")), "MovieLens 100K not found in " + data);
        DatasetVersion dataset = new TestCatalog(datasets, runs, artifacts).registerMovieLens(data);
        RunSpec spec = new RunSpec(
                new ArchitectureConfig(ModelType.DIN, 18,
                        new AttentionConfig(List.of(80, 40), ActivationType.DICE, null, null),
                        new MlpConfig(List.of(200, 80), ActivationType.DICE), null, null),
                new TrainingConfig(1, 256, OptimizerConfig.adam(0.001f), RegularizationConfig.mba(0.01f), 0f, 7,
                        DeviceChoice.CPU, 0, 4096, null));
        ModelVersion model = TestModels.trainAndRegister(artifacts, models, "movielens-scoring", dataset, spec);

        try (WorkerProcess first = start("worker-1"); WorkerProcess second = start("worker-2")) {
            first.awaitReady(START_TIMEOUT);
            second.awaitReady(START_TIMEOUT);
            Timed warmUp = score(model, dataset, 1);
            Timed one = score(model, dataset, 1);
            Timed four = score(model, dataset, 4);
            Timed oneAgain = score(model, dataset, 1);

            System.out.printf("%n=== Batch prediction of MovieLens 100K (%d rows), DIN (dim 18, attention 80-40, "
                    + "MLP 200-80), two worker processes, chunks of 1024 ===%n", dataset.rows());
            System.out.printf("warm-up, 1 partition: %.1f s%n", warmUp.seconds());
            System.out.printf("1 partition:  %.1f s (workers: %s)%n", one.seconds(), one.prediction().worker());
            System.out.printf("4 partitions: %.1f s%n", four.seconds());
            System.out.printf("1 partition:  %.1f s%n", oneAgain.seconds());
            System.out.printf("result SHA-256: %s (1 partition), %s (4 partitions)%n%n",
                    one.prediction().result().sha256(), four.prediction().result().sha256());
            assertThat(four.prediction().result()).isEqualTo(one.prediction().result())
                    .isEqualTo(oneAgain.prediction().result());
        }
    }

    private Timed score(ModelVersion model, DatasetVersion dataset, int partitions) {
        long queued = System.nanoTime();
        BatchPrediction created = predictions.create(new NewBatchPrediction(JsonMapper.shared().createObjectNode(),
                model.id(), dataset.id(), dataset.rows(), partitions));
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> predictions.find(created.id()).orElseThrow().status().isFinal());
        double seconds = (System.nanoTime() - queued) / 1e9;
        BatchPrediction prediction = predictions.find(created.id()).orElseThrow();
        assertThat(prediction.status()).as("error: %s", prediction.error()).isEqualTo(JobStatus.SUCCEEDED);
        return new Timed(prediction, seconds);
    }

    private record Timed(BatchPrediction prediction, double seconds) {
    }

    private WorkerProcess start(String name) throws IOException {
        return startWorker(name, Map.of(), work);
    }
}
