package io.dinplatform.core.train;

import ai.djl.Device;
import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.device.DeviceChoice;
import io.dinplatform.core.device.EngineThreads;
import io.dinplatform.core.data.builders.BuildOptions;
import io.dinplatform.core.data.builders.BuildProtocol;
import io.dinplatform.core.data.builders.InteractionFormat;
import io.dinplatform.core.data.builders.InteractionLogReader;
import io.dinplatform.core.data.builders.ItemCatalogReader;
import io.dinplatform.core.data.builders.SamplesBuilder;
import io.dinplatform.core.data.encode.DatasetEncoder;
import io.dinplatform.core.data.synthetic.SyntheticConfig;
import io.dinplatform.core.data.synthetic.SyntheticDataGenerator;
import io.dinplatform.core.metrics.EvaluationMetrics;
import io.dinplatform.core.model.ArchitectureConfig;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.core.schema.FeatureSchema;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** End-to-end training of DIN and the base model with the full-size architecture (embeddings 18, 80-40, 200-80). */
class DinVersusBaseTest {

    private static final TrainingConfig CONFIG = new TrainingConfig(4, 256, OptimizerConfig.adam(0.005f),
            RegularizationConfig.mba(0.01f), 0f, 7, DeviceChoice.CPU, 2, 4096,
            SelectionMetric.GAUC);

    @BeforeAll
    static void oneThread() {
        EngineThreads.use(1);
    }

    @Test
    void dinBeatsTheBaseModelOnPlantedMultiInterestData() {
        EncodedDataset data = SyntheticDataGenerator.generate(SyntheticConfig.defaults());
        EvaluationMetrics din = train(data, ModelType.DIN);
        EvaluationMetrics base = train(data, ModelType.BASE);
        print("synthetic", din, base);
        assertThat(din.auc() - base.auc()).isGreaterThanOrEqualTo(0.03);
    }

    @Test
    void onMovieLensBothTrainEndToEndAndDinIsNotWorseThanBase() throws IOException {
        EncodedDataset data = movieLens();
        EvaluationMetrics din = train(data, ModelType.DIN);
        EvaluationMetrics base = train(data, ModelType.BASE);
        print("MovieLens 100K", din, base);
        assertThat(base.auc()).isGreaterThan(0.6);
        assertThat(din.auc()).isGreaterThanOrEqualTo(base.auc());
    }

    private static void print(String data, EvaluationMetrics din, EvaluationMetrics base) {
        System.out.printf("%s test split: DIN AUC %.4f GAUC %.4f | base AUC %.4f GAUC %.4f | RelaImpr of DIN over "
                        + "base: %.1f %% on GAUC (the paper's), %.1f %% on AUC%n", data, din.auc(), din.gauc(),
                base.auc(), base.gauc(), din.relaImprGaucOver(base), din.relaImprAucOver(base));
    }

    private static EvaluationMetrics train(EncodedDataset data, ModelType type) {
        ArchitectureConfig architecture = ArchitectureConfig.defaults().withType(type);
        try (TrainingJob job = TrainingJob.create(data, architecture, CONFIG, Device.cpu())) {
            TrainingReport report = job.run(new TrainingListener() {
                @Override
                public void onEpoch(EpochSummary summary) {
                    System.out.printf("  %s epoch %d: train loss %.4f, valid AUC %.4f GAUC %.4f%s, %.0f samples/s%n",
                            type, summary.epoch(), summary.trainLoss(), summary.validation().auc(),
                            summary.validation().gauc(), summary.best() ? " (best)" : "",
                            summary.samplesPerSecond());
                }
            }, () -> false);
            return report.test();
        }
    }

    static EncodedDataset movieLens() throws IOException {
        Path dir = Path.of(System.getProperty("din.shared.dir", "../shared"), "data", "movielens-100k");
        if (!Files.isRegularFile(dir.resolve("u.data"))) {
            System.err.println("*** SKIPPED: MovieLens 100K not found at " + dir.toAbsolutePath()
                    + " (set -Ddin.shared.dir to the directory holding data/movielens-100k) ***");
            Assumptions.abort("MovieLens 100K not found at " + dir.toAbsolutePath());
        }
        ByteArrayOutputStream samples = new ByteArrayOutputStream();
        FeatureSchema schema;
        try (InputStream ratings = Files.newInputStream(dir.resolve("u.data"));
             InputStream items = Files.newInputStream(dir.resolve("u.item"))) {
            schema = SamplesBuilder.build(InteractionLogReader.read(ratings, InteractionFormat.MOVIELENS),
                    ItemCatalogReader.movieLens(items), BuildOptions.defaults(BuildProtocol.RATING_THRESHOLD),
                    samples).schema();
        }
        return new DatasetEncoder(schema).encode(new ByteArrayInputStream(samples.toByteArray()));
    }
}
