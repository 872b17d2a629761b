package io.dinplatform.core.serving;

import ai.djl.Device;
import io.dinplatform.core.bundle.BundleMetadata;
import io.dinplatform.core.bundle.BundleReader;
import io.dinplatform.core.bundle.BundleWriter;
import io.dinplatform.core.bundle.ModelBundle;
import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.SequenceColumn;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.Vocabulary;
import io.dinplatform.core.device.DeviceChoice;
import io.dinplatform.core.embedding.TinyDatasets;
import io.dinplatform.core.metrics.EvaluationMetrics;
import io.dinplatform.core.model.ArchitectureConfig;
import io.dinplatform.core.model.AttentionConfig;
import io.dinplatform.core.model.MlpConfig;
import io.dinplatform.core.schema.FeatureSpec;
import io.dinplatform.core.train.OptimizerConfig;
import io.dinplatform.core.train.RegularizationConfig;
import io.dinplatform.core.train.TrainingConfig;
import io.dinplatform.core.train.TrainingJob;
import io.dinplatform.core.train.TrainingListener;
import io.dinplatform.core.train.TrainingReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The whole path a model takes: trained, written as a bundle, loaded, and served from raw values. The served scores
 * must be the trainer's own test-split scores, and the metrics recorded in the bundle must be what serving gives.
 */
class TrainedModelServingTest {

    @TempDir
    Path dir;

    @Test
    void aTrainedModelServesTheScoresItWasEvaluatedWith() throws IOException {
        EncodedDataset data = TinyDatasets.generate(1200, 30, 60, 6, 21);
        ArchitectureConfig architecture = new ArchitectureConfig(null, 4,
                new AttentionConfig(List.of(16, 8), null, null, null), new MlpConfig(List.of(32, 16), null), null,
                null);
        TrainingConfig training = new TrainingConfig(2, 32, OptimizerConfig.adam(0.01f),
                RegularizationConfig.mba(0.01f), 5f, 3, DeviceChoice.CPU, 0, 50, null);
        Path file = dir.resolve("model.zip");
        float[] trainerScores;
        String sha256;
        EvaluationMetrics test;
        try (TrainingJob job = TrainingJob.create(data, architecture, training, Device.cpu())) {
            TrainingReport report = job.run(TrainingListener.NONE, () -> false);
            test = report.test();
            trainerScores = job.trainer().predict(Split.TEST).scores();
            try (OutputStream out = Files.newOutputStream(file)) {
                sha256 = BundleWriter.write(out, data.schema(), data.vocabularies(), job.model(), job.tables(),
                        new BundleMetadata(null, Map.of("test", test), Map.of("run", "e2e")));
            }
        }
        try (ModelBundle bundle = BundleReader.read(file, sha256, Device.cpu())) {
            Scorer scorer = new Scorer(bundle, 64);
            List<Map<String, Object>> instances = rawInstances(data, data.rowsOf(Split.TEST));
            float[] served = scorer.predict(instances);
            assertThat(served).containsExactly(trainerScores, within(1e-6f));
            EvaluationMetrics servedMetrics = EvaluationMetrics.of(served, labels(data, Split.TEST),
                    groups(data, Split.TEST));
            assertThat(servedMetrics.auc()).isCloseTo(bundle.metadata().metrics().get("test").auc(), within(1e-6));
        }
    }

    /** Each encoded row turned back into the raw values a client would send. */
    private static List<Map<String, Object>> rawInstances(EncodedDataset data, int[] rows) {
        List<Map<String, Object>> instances = new ArrayList<>();
        for (int row : rows) {
            Map<String, Object> instance = new HashMap<>();
            for (FeatureSpec feature : data.schema().categorical()) {
                Vocabulary vocabulary = data.vocabularies().of(feature.name());
                instance.put(feature.name(), raw(vocabulary, data.categorical().get(feature.name())[row]));
            }
            for (FeatureSpec sequence : data.schema().sequences()) {
                Vocabulary vocabulary = data.vocabularies().of(sequence.target());
                SequenceColumn column = data.sequences().get(sequence.name());
                List<String> history = new ArrayList<>();
                for (int t = 0; t < column.length(row); t++) {
                    history.add(raw(vocabulary, column.values()[column.start(row) + t]));
                }
                instance.put(sequence.name(), history);
            }
            for (FeatureSpec numeric : data.schema().numeric()) {
                instance.put(numeric.name(), data.numeric().get(numeric.name())[row]);
            }
            instances.add(instance);
        }
        return instances;
    }

    /** The raw value of an index; an id unknown to training is sent as a value no vocabulary holds. */
    private static String raw(Vocabulary vocabulary, int index) {
        String value = vocabulary.valueAt(index);
        return value != null ? value : "never-seen-in-training";
    }

    private static float[] labels(EncodedDataset data, Split split) {
        int[] rows = data.rowsOf(split);
        float[] labels = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = data.labels()[rows[i]];
        }
        return labels;
    }

    private static int[] groups(EncodedDataset data, Split split) {
        int[] rows = data.rowsOf(split);
        int[] groups = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            groups[i] = data.groups()[rows[i]];
        }
        return groups;
    }
}
