package io.dinplatform.core.train;

import io.dinplatform.core.nn.GradientMode;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.SequenceColumn;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.embedding.BatchAssembler;
import io.dinplatform.core.embedding.EmbeddingLookup;
import io.dinplatform.core.embedding.IndexBatch;
import io.dinplatform.core.embedding.SparseEmbeddingLookup;
import io.dinplatform.core.embedding.TinyDatasets;
import io.dinplatform.core.model.EmbeddedBatch;
import io.dinplatform.core.model.ModelType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SparseUpdateTest {

    private static final int BATCH = 16;

    private final EncodedDataset data = TinyDatasets.generate(200, 20, 60, 6, 5);
    private final int[] train = data.rowsOf(Split.TRAIN);

    @Test
    void anAdamStepLeavesUntouchedRowsAndTheirStateBitIdentical() {
        try (ModelFixture fixture = new ModelFixture(data, ModelType.DIN, 1)) {
            Map<String, float[]> before = snapshot(fixture);
            TrainingStep step = trainingStep(fixture, OptimizerConfig.adam(0.01f), RegularizationConfig.mba(0.1f));
            runSparse(fixture, step, 0);
            Map<String, Set<Long>> touched = touchedIds(0);
            for (String feature : fixture.tables.tables().keySet()) {
                float[] after = fixture.tables.table(feature).toFloatArray();
                Optimizer optimizer = step.updater().optimizer();
                float[] firstMoment = optimizer.stateOf("embedding." + feature)[0].toFloatArray();
                float[] secondMoment = optimizer.stateOf("embedding." + feature)[1].toFloatArray();
                int d = fixture.tables.dimension();
                for (int row = 0; row < after.length / d; row++) {
                    boolean isTouched = touched.get(feature).contains((long) row);
                    float[] rowBefore = Arrays.copyOfRange(before.get(feature), row * d, row * d + d);
                    float[] rowAfter = Arrays.copyOfRange(after, row * d, row * d + d);
                    if (isTouched) {
                        assertThat(rowAfter).as("touched row %d of %s", row, feature).isNotEqualTo(rowBefore);
                    } else {
                        assertThat(rowAfter).as("untouched row %d of %s", row, feature).isEqualTo(rowBefore);
                        assertThat(Arrays.copyOfRange(firstMoment, row * d, row * d + d)).containsOnly(0f);
                        assertThat(Arrays.copyOfRange(secondMoment, row * d, row * d + d)).containsOnly(0f);
                    }
                }
            }
        }
    }

    @Test
    void withSgdTheMbaTermOfATouchedRowIsLambdaTimesWOverN() {
        float learningRate = 0.1f;
        float lambda = 0.5f;
        try (ModelFixture regularised = new ModelFixture(data, ModelType.DIN, 2);
             ModelFixture plain = new ModelFixture(data, ModelType.DIN, 2)) {
            Map<String, float[]> initial = snapshot(regularised);
            runSparse(regularised, trainingStep(regularised, OptimizerConfig.sgd(learningRate),
                    RegularizationConfig.mba(lambda)), 0);
            runSparse(plain, trainingStep(plain, OptimizerConfig.sgd(learningRate), RegularizationConfig.NONE), 0);
            Map<String, Set<Long>> touched = touchedIds(0);
            int d = regularised.tables.dimension();
            int checked = 0;
            for (String feature : regularised.tables.tables().keySet()) {
                float[] withPenalty = regularised.tables.table(feature).toFloatArray();
                float[] without = plain.tables.table(feature).toFloatArray();
                for (long id : touched.get(feature)) {
                    long n = Math.max(1, data.vocabularies().of(feature).count((int) id));
                    for (int k = 0; k < d; k++) {
                        int i = (int) id * d + k;
                        // w_reg = w − η(g + λ w/n) and w_plain = w − η g, so their difference is η λ w / n.
                        float expected = learningRate * lambda * initial.get(feature)[i] / n;
                        assertThat(without[i] - withPenalty[i]).isCloseTo(expected, within(1e-7f));
                        checked++;
                    }
                }
            }
            assertThat(checked).isGreaterThan(50);
        }
    }

    @Test
    void sparseAdagradEqualsADenseReferenceOverSeveralBatches() {
        assertSparseMatchesDense(OptimizerConfig.adagrad(0.05f), new int[] {0, 1, 2});
    }

    @Test
    void sparseAdamEqualsADenseReferenceOnTheTouchedRows() {
        // Lazy Adam and dense Adam agree while every step touches the same rows.
        assertSparseMatchesDense(OptimizerConfig.adam(0.01f), new int[] {0, 0, 0});
    }

    /**
     * The reference makes whole tables gradient leaves, looks up through them with the plain lookup, and updates
     * every row with the dense rule: nothing of the sparse path (gather, inverse index, write-back) is involved.
     */
    private void assertSparseMatchesDense(OptimizerConfig optimizer, int[] batches) {
        try (ModelFixture sparse = new ModelFixture(data, ModelType.DIN, 3);
             ModelFixture dense = new ModelFixture(data, ModelType.DIN, 3)) {
            TrainingStep step = trainingStep(sparse, optimizer, RegularizationConfig.NONE);
            Optimizer reference = new Optimizer(optimizer, dense.manager);
            dense.layers().attachGradients();
            dense.tables.tables().values().forEach(t -> t.setRequiresGradient(true));
            for (int b : batches) {
                runSparse(sparse, step, b);
                runDense(dense, reference, b);
            }
            for (String feature : sparse.tables.tables().keySet()) {
                float[] expected = dense.tables.table(feature).toFloatArray();
                float[] actual = sparse.tables.table(feature).toFloatArray();
                for (int i = 0; i < expected.length; i++) {
                    assertThat(actual[i]).as("%s[%d]", feature, i).isCloseTo(expected[i], within(2e-6f));
                }
            }
            for (String name : sparse.layers().parameters().keySet()) {
                float[] expected = dense.layers().parameter(name).toFloatArray();
                float[] actual = sparse.layers().parameter(name).toFloatArray();
                for (int i = 0; i < expected.length; i++) {
                    assertThat(actual[i]).as("%s[%d]", name, i).isCloseTo(expected[i], within(2e-6f));
                }
            }
            reference.close();
        }
    }

    private TrainingStep trainingStep(ModelFixture fixture, OptimizerConfig optimizer,
                                      RegularizationConfig regularization) {
        fixture.layers().attachGradients();
        ModelUpdater updater = new ModelUpdater(new Optimizer(optimizer, fixture.manager), regularization, 0f,
                fixture.layers(), fixture.tables);
        SparseEmbeddingLookup lookup = new SparseEmbeddingLookup(fixture.tables, BATCH,
                data.schema().maxHistoryLength());
        return new TrainingStep(fixture.model, lookup, updater);
    }

    private void runSparse(ModelFixture fixture, TrainingStep step, int batchIndex) {
        IndexBatch batch = BatchAssembler.forSchema(data.schema(), BATCH)
                .assemble(data, train, batchIndex * BATCH, (batchIndex + 1) * BATCH);
        try (NDManager manager = fixture.manager.newSubManager()) {
            step.run(batch, manager);
        }
    }

    private void runDense(ModelFixture fixture, Optimizer optimizer, int batchIndex) {
        IndexBatch batch = BatchAssembler.forSchema(data.schema(), BATCH)
                .assemble(data, train, batchIndex * BATCH, (batchIndex + 1) * BATCH);
        try (NDManager manager = fixture.manager.newSubManager()) {
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                EmbeddedBatch embedded = new EmbeddingLookup(fixture.tables).lookup(batch, manager);
                NDArray logits = fixture.model.forward(embedded, true);
                collector.backward(BinaryCrossEntropy.mean(logits, batch.labels(manager)));
            }
            try (GradientMode off = GradientMode.disabled()) {
                optimizer.beginStep();
                Map<String, NDArray> all = new HashMap<>(fixture.layers().parameters());
                fixture.tables.tables().forEach((feature, table) -> all.put("embedding." + feature, table));
                all.forEach((name, value) -> {
                    NDArray gradient = value.getGradient();
                    gradient.attach(manager);
                    optimizer.updateDense(name, value, gradient.duplicate(), manager);
                    gradient.subi(gradient);
                });
            }
        }
    }

    /** The ids each table's rows a batch uses (candidates and histories), padding excluded. */
    private Map<String, Set<Long>> touchedIds(int batchIndex) {
        Map<String, Set<Long>> touched = new HashMap<>();
        for (String feature : data.categorical().keySet()) {
            Set<Long> ids = new HashSet<>();
            for (int i = batchIndex * BATCH; i < (batchIndex + 1) * BATCH; i++) {
                int row = train[i];
                ids.add((long) data.categorical().get(feature)[row]);
                data.schema().sequences().stream().filter(s -> s.target().equals(feature)).forEach(s -> {
                    SequenceColumn column = data.sequences().get(s.name());
                    for (int k = column.start(row); k < column.start(row) + column.length(row); k++) {
                        ids.add((long) column.values()[k]);
                    }
                });
            }
            touched.put(feature, ids);
        }
        return touched;
    }

    private static Map<String, float[]> snapshot(ModelFixture fixture) {
        Map<String, float[]> values = new HashMap<>();
        fixture.tables.tables().forEach((feature, table) -> values.put(feature, table.toFloatArray()));
        return values;
    }
}
