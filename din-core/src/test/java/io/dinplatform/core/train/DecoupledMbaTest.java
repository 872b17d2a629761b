package io.dinplatform.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.embedding.BatchAssembler;
import io.dinplatform.core.embedding.IndexBatch;
import io.dinplatform.core.embedding.SparseEmbedding;
import io.dinplatform.core.embedding.SparseEmbeddingLookup;
import io.dinplatform.core.embedding.TinyDatasets;
import io.dinplatform.core.embedding.TouchedRows;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.core.nn.GradientMode;
import io.dinplatform.core.schema.FeatureSpec;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** MBA coupled to the update rule (its gradient) or decoupled from it (applied to the touched rows afterwards). */
class DecoupledMbaTest {

    private static final int BATCH = 16;
    private static final float LAMBDA = 0.5f;

    private final EncodedDataset data = TinyDatasets.generate(200, 20, 60, 6, 5);
    private final int[] train = data.rowsOf(Split.TRAIN);

    @Test
    void underSgdEverySettingIsTheFormerCoupledArithmeticBitForBit() {
        OptimizerConfig sgd = OptimizerConfig.sgd(0.1f);
        for (Boolean decoupled : new Boolean[] {null, true, false}) {
            try (ModelFixture updated = new ModelFixture(data, ModelType.DIN, 4);
                 ModelFixture reference = new ModelFixture(data, ModelType.DIN, 4)) {
                TrainingStep step = trainingStep(updated, sgd, RegularizationConfig.mba(LAMBDA).withDecoupled(decoupled));
                CoupledReference coupled = new CoupledReference(reference, sgd);
                for (int b = 0; b < 3; b++) {
                    run(updated, step, b);
                    coupled.step(b);
                }
                assertSameParameters(updated, reference, "SGD, decoupled = " + decoupled);
                coupled.close();
            }
        }
    }

    @Test
    void coupledAdamIsTheFormerArithmeticBitForBit() {
        OptimizerConfig adam = OptimizerConfig.adam(0.01f);
        try (ModelFixture updated = new ModelFixture(data, ModelType.DIN, 5);
             ModelFixture reference = new ModelFixture(data, ModelType.DIN, 5)) {
            TrainingStep step = trainingStep(updated, adam, RegularizationConfig.mba(LAMBDA).withDecoupled(false));
            CoupledReference coupled = new CoupledReference(reference, adam);
            for (int b = 0; b < 3; b++) {
                run(updated, step, b);
                coupled.step(b);
            }
            assertSameParameters(updated, reference, "coupled Adam");
            coupled.close();
        }
    }

    /**
     * With no loss gradient Adam's own step is zero (m = 0), so a touched row moves by the decoupled shrink alone:
     * w ← w − η_t·λ·w/n_j, with η_t the scheduled rate (here halved at every step).
     */
    @Test
    void decoupledAdamShrinksATouchedRowByTheScheduledRateTimesLambdaOverN() {
        float learningRate = 0.01f;
        OptimizerConfig adam = OptimizerConfig.adam(learningRate)
                .withSchedule(new LearningRateSchedule(LearningRateSchedule.Type.STEP, 0.5f, 1));
        try (ModelFixture fixture = new ModelFixture(data, ModelType.DIN, 6)) {
            TrainingStep step = trainingStep(fixture, adam, RegularizationConfig.mba(LAMBDA));
            ModelUpdater updater = step.updater();
            for (int b = 0; b < 2; b++) {
                Map<String, float[]> before = snapshot(fixture);
                Map<String, long[]> touched = stepWithZeroLossGradient(fixture, b, updater);
                assertThat(touched.keySet()).as("the shrink reaches every embedding table")
                        .containsExactlyInAnyOrderElementsOf(data.schema().categorical().stream()
                                .map(FeatureSpec::name).toList());
                float rate = learningRate * (b == 0 ? 1f : 0.5f) * LAMBDA;
                assertThat(updater.optimizer().learningRate()).isEqualTo(learningRate * (b == 0 ? 1f : 0.5f));
                int checked = 0;
                int d = fixture.tables.dimension();
                for (Map.Entry<String, long[]> rows : touched.entrySet()) {
                    String feature = rows.getKey();
                    float[] after = fixture.tables.table(feature).toFloatArray();
                    for (long id : rows.getValue()) {
                        long n = Math.max(1, data.vocabularies().of(feature).count((int) id));
                        for (int k = 0; k < d; k++) {
                            int i = (int) id * d + k;
                            float w = before.get(feature)[i];
                            assertThat(after[i]).as("%s row %d", feature, id)
                                    .isCloseTo(w - w * (1f / n) * rate, within(1e-9f));
                            checked++;
                        }
                    }
                }
                assertThat(checked).isGreaterThan(50);
            }
        }
    }

    @Test
    void withALossGradientDecoupledAdamDiffersFromUnregularisedAdamByEtaLambdaWOverN() {
        float learningRate = 0.01f;
        OptimizerConfig adam = OptimizerConfig.adam(learningRate);
        try (ModelFixture regularised = new ModelFixture(data, ModelType.DIN, 7);
             ModelFixture plain = new ModelFixture(data, ModelType.DIN, 7)) {
            Map<String, float[]> initial = snapshot(regularised);
            TrainingStep step = trainingStep(regularised, adam, RegularizationConfig.mba(LAMBDA));
            run(regularised, step, 0);
            run(plain, trainingStep(plain, adam, RegularizationConfig.NONE), 0);
            int d = regularised.tables.dimension();
            int checked = 0;
            for (String feature : regularised.tables.tables().keySet()) {
                float[] withPenalty = regularised.tables.table(feature).toFloatArray();
                float[] without = plain.tables.table(feature).toFloatArray();
                for (int row = 0; row < withPenalty.length / d; row++) {
                    long n = Math.max(1, data.vocabularies().of(feature).count(row));
                    for (int k = 0; k < d; k++) {
                        int i = row * d + k;
                        if (without[i] != initial.get(feature)[i]) { // a touched row
                            float expected = learningRate * LAMBDA * initial.get(feature)[i] / n;
                            assertThat(without[i] - withPenalty[i]).isCloseTo(expected, within(1e-8f));
                            checked++;
                        } else {
                            assertThat(withPenalty[i]).isEqualTo(without[i]);
                        }
                    }
                }
            }
            assertThat(checked).isGreaterThan(50);
        }
    }

    private TrainingStep trainingStep(ModelFixture fixture, OptimizerConfig optimizer,
                                      RegularizationConfig regularization) {
        fixture.layers().attachGradients();
        ModelUpdater updater = new ModelUpdater(new Optimizer(optimizer, fixture.manager), regularization, 0f,
                fixture.layers(), fixture.tables);
        return new TrainingStep(fixture.model, lookup(fixture), updater);
    }

    private SparseEmbeddingLookup lookup(ModelFixture fixture) {
        return new SparseEmbeddingLookup(fixture.tables, BATCH, data.schema().maxHistoryLength());
    }

    private IndexBatch batch(int index) {
        return BatchAssembler.forSchema(data.schema(), BATCH).assemble(data, train, index * BATCH, (index + 1) * BATCH);
    }

    private void run(ModelFixture fixture, TrainingStep step, int batchIndex) {
        try (NDManager manager = fixture.manager.newSubManager()) {
            step.run(batch(batchIndex), manager);
        }
    }

    /** A step whose loss is 0 × the logits, so every gradient is zero; returns the ids it touched, per table. */
    private Map<String, long[]> stepWithZeroLossGradient(ModelFixture fixture, int batchIndex, ModelUpdater updater) {
        IndexBatch batch = batch(batchIndex);
        try (NDManager manager = fixture.manager.newSubManager()) {
            SparseEmbedding embedded;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                embedded = lookup(fixture).lookup(batch, manager);
                collector.backward(fixture.model.forward(embedded.batch(), true).sum().mul(0f));
            }
            updater.apply(embedded.touched(), manager);
            Map<String, long[]> touched = new HashMap<>();
            embedded.touched().forEach(rows -> touched.put(rows.feature(), rows.ids().toLongArray()));
            return touched;
        }
    }

    /**
     * The arithmetic MBA had before it could be decoupled, written out: the penalty λ·w_j/n_j enters each touched
     * row's gradient, and the rule then updates the row (no clipping).
     */
    private final class CoupledReference implements AutoCloseable {

        private final ModelFixture fixture;
        private final Optimizer optimizer;
        private final SparseEmbeddingLookup lookup;

        CoupledReference(ModelFixture fixture, OptimizerConfig config) {
            this.fixture = fixture;
            this.optimizer = new Optimizer(config, fixture.manager);
            this.lookup = lookup(fixture);
            fixture.layers().attachGradients();
            fixture.tables.reserveRowState(optimizer.stateSlots());
            fixture.tables.tables().keySet().forEach(feature -> optimizer.keepStateIn("embedding." + feature,
                    fixture.tables.rowStateTable(feature).state()));
        }

        void step(int batchIndex) {
            IndexBatch batch = batch(batchIndex);
            try (NDManager manager = fixture.manager.newSubManager()) {
                SparseEmbedding embedded;
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    embedded = lookup.lookup(batch, manager);
                    NDArray logits = fixture.model.forward(embedded.batch(), true);
                    collector.backward(BinaryCrossEntropy.mean(logits, batch.labels(manager)));
                }
                try (GradientMode off = GradientMode.disabled()) {
                    optimizer.beginStep();
                    for (TouchedRows rows : embedded.touched()) {
                        if (rows.count() > 0) {
                            NDArray gradient = rows.gradient()
                                    .add(rows.values().mul(rows.inverseCounts()).muli(LAMBDA));
                            rows.table().update(rows.ids(), manager,
                                    (values, state) -> optimizer.updateRows(values, state, gradient));
                        }
                    }
                    fixture.layers().parameters().forEach((name, parameter) -> {
                        NDArray gradient = parameter.getGradient();
                        gradient.attach(manager);
                        optimizer.updateDense(name, parameter, gradient.duplicate(), manager);
                        gradient.subi(gradient);
                    });
                }
            }
        }

        @Override
        public void close() {
            optimizer.close();
        }
    }

    private static void assertSameParameters(ModelFixture actual, ModelFixture expected, String what) {
        actual.tables.tables().forEach((feature, table) -> assertThat(table.toFloatArray())
                .as("%s: table %s", what, feature).isEqualTo(expected.tables.table(feature).toFloatArray()));
        actual.layers().parameters().forEach((name, parameter) -> assertThat(parameter.toFloatArray())
                .as("%s: %s", what, name).isEqualTo(expected.layers().parameter(name).toFloatArray()));
    }

    private static Map<String, float[]> snapshot(ModelFixture fixture) {
        Map<String, float[]> values = new HashMap<>();
        fixture.tables.tables().forEach((feature, table) -> values.put(feature, table.toFloatArray()));
        return values;
    }
}
