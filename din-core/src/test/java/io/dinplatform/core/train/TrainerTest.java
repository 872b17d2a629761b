package io.dinplatform.core.train;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.device.DeviceChoice;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.embedding.TinyDatasets;
import io.dinplatform.core.metrics.EvaluationMetrics;
import io.dinplatform.core.model.ModelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainerTest {

    private final EncodedDataset data = TinyDatasets.generate(600, 30, 60, 6, 9);
    private final TrainingConfig config = new TrainingConfig(3, 32, OptimizerConfig.adam(0.01f),
            RegularizationConfig.mba(0.01f), 5f, 17, DeviceChoice.CPU, 0, 64, null);

    @Test
    void aRunIsDeterministicForItsSeed() {
        Map<String, float[]> first = trainFully(config);
        Map<String, float[]> second = trainFully(config);
        assertThat(second.keySet()).isEqualTo(first.keySet());
        first.forEach((name, values) -> assertThat(second.get(name)).as(name).isEqualTo(values));
    }

    @Test
    void aRunResumedFromACancellationCheckpointEqualsAnUninterruptedOne() throws IOException {
        Map<String, float[]> uninterrupted = trainFully(config);
        byte[] checkpoint;
        try (ModelFixture fixture = new ModelFixture(data, ModelType.DIN, config.seed());
             Trainer trainer = new Trainer(fixture.model, fixture.tables, data, config)) {
            AtomicInteger steps = new AtomicInteger();
            TrainingListener counter = new TrainingListener() {
                @Override
                public void onStep(StepProgress progress) {
                    steps.incrementAndGet();
                }
            };
            // 14 mini-batches per epoch: stop in the middle of the second epoch.
            TrainingResult result = trainer.fit(counter, () -> steps.get() == 20);
            assertThat(result.status()).isEqualTo(TrainingResult.Status.CANCELLED);
            assertThat(result.steps()).isEqualTo(20);
            assertThat(result.epochs()).isEqualTo(1);
            checkpoint = checkpointOf(trainer);
        }
        try (ModelFixture fixture = new ModelFixture(data, ModelType.DIN, 999); // other init: all comes from the file
             Trainer trainer = new Trainer(fixture.model, fixture.tables, data, config)) {
            trainer.readCheckpoint(new ByteArrayInputStream(checkpoint));
            TrainingResult result = trainer.fit(TrainingListener.NONE, () -> false);
            assertThat(result.status()).isEqualTo(TrainingResult.Status.COMPLETED);
            assertThat(result.epochs()).isEqualTo(3);
            Map<String, float[]> resumed = parameters(fixture);
            resumed.put("valid scores", trainer.predict(Split.VALID).scores());
            uninterrupted.forEach((name, values) -> assertThat(resumed.get(name)).as(name).isEqualTo(values));
        }
    }

    @Test
    void aRunResumedFromAnEpochCheckpointEqualsAnUninterruptedOne() throws IOException {
        Map<String, float[]> uninterrupted = trainFully(config);
        List<byte[]> checkpoints = new ArrayList<>();
        try (ModelFixture fixture = new ModelFixture(data, ModelType.DIN, config.seed());
             Trainer trainer = new Trainer(fixture.model, fixture.tables, data, config)) {
            trainer.fit(new TrainingListener() {
                @Override
                public void onEpoch(EpochSummary summary) {
                    checkpoints.add(checkpointOf(trainer));
                }
            }, () -> false);
        }
        try (ModelFixture fixture = new ModelFixture(data, ModelType.DIN, config.seed());
             Trainer trainer = new Trainer(fixture.model, fixture.tables, data, config)) {
            trainer.readCheckpoint(new ByteArrayInputStream(checkpoints.get(0)));
            trainer.fit(TrainingListener.NONE, () -> false);
            Map<String, float[]> resumed = parameters(fixture);
            resumed.put("valid scores", trainer.predict(Split.VALID).scores());
            uninterrupted.forEach((name, values) -> assertThat(resumed.get(name)).as(name).isEqualTo(values));
        }
    }

    @Test
    void cancellationStopsBetweenMiniBatches() {
        try (ModelFixture fixture = new ModelFixture(data, ModelType.BASE, 1);
             Trainer trainer = new Trainer(fixture.model, fixture.tables, data, config)) {
            List<Long> steps = new ArrayList<>();
            TrainingResult result = trainer.fit(new TrainingListener() {
                @Override
                public void onStep(StepProgress progress) {
                    steps.add(progress.step());
                }
            }, () -> steps.size() >= 5);
            assertThat(result.status()).isEqualTo(TrainingResult.Status.CANCELLED);
            assertThat(steps).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(result.steps()).isEqualTo(5);
        }
    }

    @ParameterizedTest
    @EnumSource(SelectionMetric.class)
    void earlyStoppingKeepsTheParametersOfTheEpochTheSelectionMetricRanksBest(SelectionMetric metric) {
        TrainingConfig overfitting = new TrainingConfig(30, 32, OptimizerConfig.adam(0.05f),
                RegularizationConfig.NONE, 0f, 3, DeviceChoice.CPU, 2, 64, metric);
        try (ModelFixture fixture = new ModelFixture(data, ModelType.DIN, 3);
             Trainer trainer = new Trainer(fixture.model, fixture.tables, data, overfitting)) {
            Map<Integer, Double> validation = new LinkedHashMap<>();
            TrainingResult result = trainer.fit(new TrainingListener() {
                @Override
                public void onEpoch(EpochSummary summary) {
                    validation.put(summary.epoch(), valueOf(metric, summary.validation()));
                }
            }, () -> false);
            assertThat(result.status()).isEqualTo(TrainingResult.Status.EARLY_STOPPED);
            assertThat(result.selectedBy()).isEqualTo(metric);
            int best = firstBest(metric, validation);
            assertThat(result.bestEpoch()).isEqualTo(best);
            assertThat(validation).hasSize(best + 2); // two epochs without improvement, then the stop
            EvaluationMetrics now = trainer.evaluate(Split.VALID);
            assertThat(valueOf(metric, now)).isEqualTo(validation.get(best));
            assertThat(now).isEqualTo(result.bestValidation());
        }
    }

    private static double valueOf(SelectionMetric metric, EvaluationMetrics metrics) {
        return switch (metric) {
            case GAUC -> metrics.gauc();
            case AUC -> metrics.auc();
            case LOGLOSS -> metrics.logLoss();
        };
    }

    /** The earliest epoch with the highest value (lowest for log loss). */
    private static int firstBest(SelectionMetric metric, Map<Integer, Double> values) {
        Comparator<Map.Entry<Integer, Double>> higher = Map.Entry.comparingByValue();
        Comparator<Map.Entry<Integer, Double>> better = metric == SelectionMetric.LOGLOSS ? higher.reversed() : higher;
        return values.entrySet().stream().reduce((a, b) -> better.compare(b, a) > 0 ? b : a).orElseThrow().getKey();
    }

    @Test
    void aCheckpointOfAnotherRunIsRefused() throws IOException {
        byte[] checkpoint;
        try (ModelFixture fixture = new ModelFixture(data, ModelType.DIN, 1);
             Trainer trainer = new Trainer(fixture.model, fixture.tables, data, config)) {
            checkpoint = checkpointOf(trainer);
        }
        TrainingConfig otherBatch = config.withBatchSize(16);
        try (ModelFixture fixture = new ModelFixture(data, ModelType.DIN, 1);
             Trainer trainer = new Trainer(fixture.model, fixture.tables, data, otherBatch)) {
            assertThatThrownBy(() -> trainer.readCheckpoint(new ByteArrayInputStream(checkpoint)))
                    .hasMessageContaining("batch size 32").hasMessageContaining("batch size 16");
        }
    }

    @Test
    void invalidConfigurationsNameTheField() {
        assertThatThrownBy(() -> config.withBatchSize(0)).hasMessageContaining("training.batchSize");
        assertThatThrownBy(() -> config.withEpochs(0)).hasMessageContaining("training.epochs");
        assertThatThrownBy(() -> OptimizerConfig.adam(-1f)).hasMessageContaining("optimizer.learningRate");
        assertThatThrownBy(() -> RegularizationConfig.mba(-0.1f)).hasMessageContaining("regularization.lambda");
        assertThatThrownBy(() -> LearningRateSchedule.step(1.5f, 10)).hasMessageContaining("schedule.rate");
    }

    private Map<String, float[]> trainFully(TrainingConfig trainingConfig) {
        try (ModelFixture fixture = new ModelFixture(data, ModelType.DIN, trainingConfig.seed());
             Trainer trainer = new Trainer(fixture.model, fixture.tables, data, trainingConfig)) {
            TrainingResult result = trainer.fit(TrainingListener.NONE, () -> false);
            assertThat(result.status()).isEqualTo(TrainingResult.Status.COMPLETED);
            Map<String, float[]> values = parameters(fixture);
            values.put("valid scores", trainer.predict(Split.VALID).scores());
            return values;
        }
    }

    private static Map<String, float[]> parameters(ModelFixture fixture) {
        Map<String, float[]> values = new LinkedHashMap<>();
        fixture.layers().parameters().forEach((name, array) -> values.put(name, array.toFloatArray()));
        fixture.layers().state().forEach((name, array) -> values.put(name, array.toFloatArray()));
        fixture.tables.tables().forEach((name, array) -> values.put("embedding." + name, array.toFloatArray()));
        return values;
    }

    private static byte[] checkpointOf(Trainer trainer) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            trainer.writeCheckpoint(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
