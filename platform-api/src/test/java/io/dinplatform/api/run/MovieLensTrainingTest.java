package io.dinplatform.api.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import ai.djl.Device;
import io.dinplatform.api.EmbeddedWorkerApiTest;
import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.encode.DatasetEncoder;
import io.dinplatform.core.metrics.EvaluationMetrics;
import io.dinplatform.core.schema.FeatureSchemaJson;
import io.dinplatform.core.device.EngineThreads;
import io.dinplatform.core.train.TrainingJob;
import io.dinplatform.core.train.TrainingListener;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.run.RunRequest;
import io.dinplatform.worker.steps.RunSpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * MovieLens 100K from raw files to registered model versions, through HTTP only, trained by the worker that the
 * platform embeds (the real PyTorch engine, the embedded PostgreSQL): the dataset is built, a DIN run and a base run
 * succeed with a version each, their metrics and their lineage; and the DIN run's test metrics are what din-core
 * alone reports for the same stored file, configuration, seed and engine threads. Skipped loudly when
 * {@code ../shared/data/movielens-100k} is absent.
 */
@TestPropertySource(properties = "din.worker.engine-threads=" + MovieLensTrainingTest.ENGINE_THREADS)
class MovieLensTrainingTest extends EmbeddedWorkerApiTest {
    /** A CPU run repeats its numbers for a fixed count of intra-op threads: the worker and the reference share it. */
    static final int ENGINE_THREADS = 1;

    private static final Duration TRAINING_WAIT = Duration.ofMinutes(20);
    private static final Path DATA_DIR = temporaryDirectory("din-movielens-http-test-");

    @Autowired
    ArtifactStore artifacts;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("din.data-dir", DATA_DIR::toString);
    }

    @Test
    void aDinRunAndABaseRunOnMovieLens100kRegisterVersionsWithTheMetricsDinCoreReports() throws IOException {
        assumeMovieLensIsThere("MovieLensTrainingTest");
        String name = "movielens-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode dataset = buildMovieLens(name);
        assertThat(dataset.get("rows").asLong()).isEqualTo(100_000);

        String dinRun = queue(name, name + "-din", "DIN");
        String baseRun = queue(name, name + "-base", "BASE");
        JsonNode din = awaitFinal("/api/v1/training-runs/" + dinRun, TRAINING_WAIT);
        JsonNode base = awaitFinal("/api/v1/training-runs/" + baseRun, TRAINING_WAIT);

        assertRegisteredWithLineage(din, name);
        assertRegisteredWithLineage(base, name);

        EvaluationMetrics reference = dinCoreAlone(dataset, RunSpec.of(RunRequest.fromJson(din.get("request"))));
        JsonNode metrics = din.get("metrics");
        System.out.printf("MovieLens 100K, DIN, 1 epoch: worker AUC %.10f GAUC %.10f log loss %.10f; "
                        + "din-core AUC %.10f GAUC %.10f log loss %.10f; base run AUC %.10f%n",
                metrics.get("auc").asDouble(), metrics.get("gauc").asDouble(), metrics.get("logloss").asDouble(),
                reference.auc(), reference.gauc(), reference.logLoss(), base.get("metrics").get("auc").asDouble());
        // Equal up to float rounding: the engine's CPU kernels may sum in another order when the same arrays lie at
        // other addresses (see training-worker's MovieLensRunBenchmark), which moves the metrics in their 8th digit.
        assertThat(metrics.get("auc").asDouble()).as("test AUC").isCloseTo(reference.auc(), within(1e-6));
        assertThat(metrics.get("gauc").asDouble()).as("test GAUC").isCloseTo(reference.gauc(), within(1e-6));
        assertThat(metrics.get("logloss").asDouble()).as("test log loss").isCloseTo(reference.logLoss(),
                within(1e-6));
        assertThat(metrics.get("samples").asLong()).isEqualTo(reference.samples());
    }

    /** A run of one epoch with the default architecture of this type, a fixed seed, on the CPU. */
    private String queue(String dataset, String model, String type) {
        ResponseEntity<JsonNode> queued = postJson("/api/v1/training-runs", """
                {"dataset": {"name": "%s", "version": 1}, "model": "%s", "architecture": {"type": "%s"},
                 "training": {"epochs": 1, "seed": 7, "device": "CPU"}}
                """.formatted(dataset, model, type));
        assertThat(queued.getStatusCode().value()).as("%s", queued.getBody()).isEqualTo(202);
        return queued.getBody().get("id").asString();
    }

    private void assertRegisteredWithLineage(JsonNode run, String dataset) {
        assertThat(run.get("status").asString()).as("%s", run).isEqualTo("SUCCEEDED");
        JsonNode metrics = run.get("metrics");
        assertThat(metrics.get("auc").asDouble()).as("%s", run).isStrictlyBetween(0.5, 1.0);
        assertThat(metrics.get("gauc").asDouble()).as("%s", run).isStrictlyBetween(0.0, 1.0);
        assertThat(metrics.get("logloss").asDouble()).as("%s", run).isStrictlyBetween(0.0, 1.0);

        JsonNode registered = run.get("modelVersion");
        assertThat(registered.get("name").asString()).isEqualTo(run.get("model").asString());
        ResponseEntity<JsonNode> version = get("/api/v1/models/" + registered.get("name").asString() + "/versions/"
                + registered.get("version").asInt());
        assertThat(version.getStatusCode().value()).as("%s", version.getBody()).isEqualTo(200);
        JsonNode lineage = version.getBody().get("lineage");
        assertThat(lineage.get("runId").asString()).isEqualTo(run.get("id").asString());
        assertThat(lineage.get("dataset").get("name").asString()).isEqualTo(dataset);
        assertThat(lineage.get("dataset").get("version").asInt()).isEqualTo(1);
        assertThat(version.getBody().get("metrics").get("auc").asDouble()).isEqualTo(metrics.get("auc").asDouble());
    }

    /**
     * What din-core alone reports for the file the platform stored, encoded and trained as the worker's prepare,
     * train and evaluate steps do, with the run's own stored configuration and the same engine threads.
     */
    private EvaluationMetrics dinCoreAlone(JsonNode dataset, RunSpec spec) throws IOException {
        EngineThreads.use(ENGINE_THREADS);
        EncodedDataset encoded;
        try (InputStream in = artifacts.openVerified(dataset.get("sha256").asString())) {
            encoded = new DatasetEncoder(FeatureSchemaJson.fromTree(dataset.get("schema"))).encode(in);
        }
        try (TrainingJob job = TrainingJob.create(encoded, spec.architecture(), spec.training(), Device.cpu())) {
            return job.run(TrainingListener.NONE, () -> false).test();
        }
    }
}
