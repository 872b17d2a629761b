package io.dinplatform.worker.job;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import ai.djl.Device;
import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.encode.DatasetEncoder;
import io.dinplatform.core.data.synthetic.SyntheticConfig;
import io.dinplatform.core.data.synthetic.SyntheticDataGenerator;
import io.dinplatform.core.device.DeviceChoice;
import io.dinplatform.core.model.ArchitectureConfig;
import io.dinplatform.core.model.AttentionConfig;
import io.dinplatform.core.model.MlpConfig;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.core.nn.ActivationType;
import io.dinplatform.core.schema.FeatureSchemaJson;
import io.dinplatform.core.train.OptimizerConfig;
import io.dinplatform.core.train.RegularizationConfig;
import io.dinplatform.core.train.TrainingConfig;
import io.dinplatform.core.train.TrainingJob;
import io.dinplatform.core.train.TrainingListener;
import io.dinplatform.core.train.TrainingReport;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.lease.JobStatus;
import io.dinplatform.registry.run.RunEvent;
import io.dinplatform.registry.run.TrainingRun;
import io.dinplatform.worker.WorkerContextTest;
import io.dinplatform.worker.steps.RunSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Prints the time of one DIN run on MovieLens 100K from queueing to registered version, and the training throughput
 * the worker reached (samples/s per epoch, as its progress reports them). A benchmark, not a test of speed: run it with
 * {@code -Ddin.benchmarks=true}; {@code -Ddin.benchmarks.epochs=N} shortens it (default 5).
 */
@EnabledIfSystemProperty(named = "din.benchmarks", matches = "true")
class MovieLensRunBenchmark extends WorkerContextTest {

    @Test
    void oneDinRunOnMovieLens100k() throws Exception {
        Path data = Path.of(System.getProperty("din.shared.dir", "../shared"), "data", "movielens-100k");
        if (!Files.isRegularFile(data.resolve("u.data"))) {
            System.err.println("*** MovieLensRunBenchmark SKIPPED: no MovieLens 100K in " + data.toAbsolutePath()
                    + " (set din.shared.dir) ***");
        }
        assumeTrue(Files.isRegularFile(data.resolve("u.data")), "MovieLens 100K not found in " + data);
        DatasetVersion dataset = catalog.registerMovieLens(data);
        int epochs = Integer.getInteger("din.benchmarks.epochs", 5);
        RunSpec spec = new RunSpec(
                new ArchitectureConfig(ModelType.DIN, 18,
                        new AttentionConfig(List.of(80, 40), ActivationType.DICE, null, null),
                        new MlpConfig(List.of(200, 80), ActivationType.DICE), null, null),
                new TrainingConfig(epochs, 256, OptimizerConfig.adam(0.001f), RegularizationConfig.mba(0.01f), 0f, 7,
                        DeviceChoice.CPU, 0, 4096, null));

        warmUp(spec);
        double before = dinCoreAlone(dataset, spec).trainingSamplesPerSecond();
        long queued = System.nanoTime();
        UUID id = catalog.queue("movielens-din", dataset, spec).id();
        TrainingRun run = awaitFinal(id, Duration.ofHours(2));
        double seconds = (System.nanoTime() - queued) / 1e9;

        assertThat(run.status()).as("error: %s", run.error()).isEqualTo(JobStatus.SUCCEEDED);
        List<RunEvent> epochsDone = runs.eventsAfter(id, 0, 100_000).stream()
                .filter(e -> e.type().equals("metric") && e.payload().path("split").asString("").equals("valid"))
                .toList();
        System.out.printf("%n=== MovieLens 100K, DIN (dim 18, attention 80-40 Dice, MLP 200-80 Dice), %d epochs, "
                + "batch 256, CPU, %d rows ===%n", epochs, dataset.rows());
        System.out.printf("queue → registered version: %.1f s%n", seconds);
        epochsDone.forEach(e -> System.out.printf("epoch %d: %.0f samples/s, validation AUC %.4f%n",
                e.payload().path("epoch").asInt(), e.payload().path("samplesPerSecond").asDouble(),
                e.payload().path("validation").path("auc").asDouble()));
        System.out.printf("worker test: AUC %.4f, GAUC %.4f, log loss %.4f%n", run.metrics().path("auc").asDouble(),
                run.metrics().path("gauc").asDouble(), run.metrics().path("logloss").asDouble());

        // din-core on its own, same data, same configuration, same process and threads, before and after the worker
        // (the two bracket any change of load on a shared machine).
        TrainingReport after = dinCoreAlone(dataset, spec);
        System.out.printf("din-core alone: %.0f samples/s before the worker run, %.0f after; test AUC %.4f, GAUC %.4f, "
                        + "log loss %.4f%n%n", before, after.trainingSamplesPerSecond(), after.test().auc(),
                after.test().gauc(), after.test().logLoss());
        // Equal up to float rounding: the engine's CPU kernels may sum in another order when the same arrays lie at
        // other addresses, which moves the AUC in its 8th digit.
        assertThat(run.metrics().path("auc").asDouble()).as("the worker trains what din-core trains")
                .isCloseTo(after.test().auc(), within(1e-6));
    }

    private TrainingReport dinCoreAlone(DatasetVersion dataset, RunSpec spec) throws java.io.IOException {
        EncodedDataset encoded;
        try (InputStream in = artifacts.openVerified(dataset.sha256())) {
            encoded = new DatasetEncoder(FeatureSchemaJson.fromTree(dataset.schema())).encode(in);
        }
        try (TrainingJob job = TrainingJob.create(encoded, spec.architecture(), spec.training(), Device.cpu())) {
            return job.run(TrainingListener.NONE, () -> false);
        }
    }

    /**
     * The first trainings in a JVM run several times slower than later ones (measured here: a tenth of the
     * throughput, and the din-core run right before the worker's still pays for it): one short job first, and din-core
     * measured both before and after the worker, so that the comparison is not an artefact of the order.
     */
    private static void warmUp(RunSpec spec) {
        EncodedDataset small = SyntheticDataGenerator.generate(new SyntheticConfig(500, 500, 20, 3, 50, 10, 0.1, 3));
        try (TrainingJob job = TrainingJob.create(small, spec.architecture(), spec.training().withEpochs(1),
                Device.cpu())) {
            job.run(TrainingListener.NONE, () -> false);
        }
    }
}
