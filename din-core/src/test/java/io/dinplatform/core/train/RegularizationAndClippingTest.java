package io.dinplatform.core.train;

import ai.djl.ndarray.NDManager;
import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.embedding.BatchAssembler;
import io.dinplatform.core.embedding.IndexBatch;
import io.dinplatform.core.embedding.SparseEmbeddingLookup;
import io.dinplatform.core.embedding.TinyDatasets;
import io.dinplatform.core.model.ModelType;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RegularizationAndClippingTest {

    private static final int BATCH = 16;

    private final EncodedDataset data = TinyDatasets.generate(200, 20, 60, 6, 5);

    @Test
    void clippingLimitsTheGlobalNormOfAnSgdStep() {
        float learningRate = 0.1f;
        float clipNorm = 1e-3f; // far below the loss gradient's norm, so the clip is active
        try (ModelFixture fixture = new ModelFixture(data, ModelType.DIN, 4)) {
            Map<String, float[]> before = values(fixture);
            step(fixture, OptimizerConfig.sgd(learningRate), RegularizationConfig.NONE, clipNorm);
            Map<String, float[]> after = values(fixture);
            double squares = 0;
            for (String name : before.keySet()) {
                for (int i = 0; i < before.get(name).length; i++) {
                    double delta = after.get(name)[i] - before.get(name)[i];
                    squares += delta * delta;
                }
            }
            // Δ = η · g · c/‖g‖, so ‖Δ‖ = η · c over all tables and layers together.
            assertThat(Math.sqrt(squares)).isCloseTo(learningRate * clipNorm, within(1e-6));
        }
    }

    @Test
    void theL2BaselineShrinksEveryRowOfEveryTableEveryStep() {
        float learningRate = 0.1f;
        float lambda = 0.2f;
        try (ModelFixture fixture = new ModelFixture(data, ModelType.BASE, 5)) {
            Map<String, float[]> before = tables(fixture);
            step(fixture, OptimizerConfig.sgd(learningRate), RegularizationConfig.l2(lambda), 0f);
            Map<String, float[]> after = tables(fixture);
            // Most of the 60 items are not in a batch of 16 rows: their rows get only the penalty, w ← (1 − ηλ) w.
            int d = fixture.tables.dimension();
            float[] items = after.get("item_id");
            float[] itemsBefore = before.get("item_id");
            int untouched = 0;
            for (int row = 2; row < items.length / d; row++) {
                boolean shrunk = true;
                for (int k = 0; k < d; k++) {
                    float expected = itemsBefore[row * d + k] - learningRate * lambda * itemsBefore[row * d + k];
                    shrunk &= Math.abs(items[row * d + k] - expected) <= 1e-7f;
                }
                untouched += shrunk ? 1 : 0;
            }
            assertThat(untouched).isGreaterThan(5);
            for (String feature : after.keySet()) {
                float[] a = after.get(feature);
                float[] b = before.get(feature);
                for (int i = d; i < a.length; i++) {
                    assertThat(a[i]).as("%s[%d] changed", feature, i).isNotEqualTo(b[i]);
                }
            }
        }
    }

    @Test
    void learningRateSchedulesDecayAsDocumented() {
        assertThat(LearningRateSchedule.CONSTANT.learningRate(0.1f, 1000)).isEqualTo(0.1f);
        LearningRateSchedule step = LearningRateSchedule.step(0.5f, 10);
        assertThat(step.learningRate(0.1f, 1)).isEqualTo(0.1f);
        assertThat(step.learningRate(0.1f, 10)).isEqualTo(0.1f);
        assertThat(step.learningRate(0.1f, 11)).isEqualTo(0.05f);
        assertThat(step.learningRate(0.1f, 21)).isEqualTo(0.025f);
        LearningRateSchedule exponential = LearningRateSchedule.exponential(0.5f, 10);
        assertThat(exponential.learningRate(0.1f, 6)).isCloseTo((float) (0.1 * Math.pow(0.5, 0.5)), within(1e-8f));
        assertThat(exponential.learningRate(0.1f, 11)).isCloseTo(0.05f, within(1e-8f));
    }

    private void step(ModelFixture fixture, OptimizerConfig optimizer, RegularizationConfig regularization,
                      float clipNorm) {
        fixture.layers().attachGradients();
        ModelUpdater updater = new ModelUpdater(new Optimizer(optimizer, fixture.manager), regularization, clipNorm,
                fixture.layers(), fixture.tables);
        TrainingStep step = new TrainingStep(fixture.model,
                new SparseEmbeddingLookup(fixture.tables, BATCH, data.schema().maxHistoryLength()), updater);
        IndexBatch batch = BatchAssembler.forSchema(data.schema(), BATCH)
                .assemble(data, data.rowsOf(Split.TRAIN), 0, BATCH);
        try (NDManager manager = fixture.manager.newSubManager()) {
            step.run(batch, manager);
        }
    }

    private static Map<String, float[]> values(ModelFixture fixture) {
        Map<String, float[]> values = tables(fixture);
        fixture.layers().parameters().forEach((name, array) -> values.put(name, array.toFloatArray()));
        return values;
    }

    private static Map<String, float[]> tables(ModelFixture fixture) {
        Map<String, float[]> values = new HashMap<>();
        fixture.tables.tables().forEach((feature, table) -> values.put(feature, table.toFloatArray()));
        return values;
    }
}
