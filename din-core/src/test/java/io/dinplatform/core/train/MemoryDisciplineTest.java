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

import static org.assertj.core.api.Assertions.assertThat;

/** Steps keep every per-batch array out of the long-lived managers, so a run's native memory does not grow. */
class MemoryDisciplineTest {

    private static final int BATCH = 16;

    private final EncodedDataset data = TinyDatasets.generate(200, 20, 60, 6, 5);

    @Test
    void trainingStepsLeaveNoArraysBehindInLongLivedManagers() {
        for (RegularizationConfig regularization : new RegularizationConfig[] {
                RegularizationConfig.mba(0.01f), RegularizationConfig.l2(0.01f)}) {
            try (ModelFixture fixture = new ModelFixture(data, ModelType.DIN, 6)) {
                fixture.layers().attachGradients();
                ModelUpdater updater = new ModelUpdater(new Optimizer(OptimizerConfig.adam(0.01f), fixture.manager),
                        regularization, 1f, fixture.layers(), fixture.tables);
                TrainingStep step = new TrainingStep(fixture.model,
                        new SparseEmbeddingLookup(fixture.tables, BATCH, data.schema().maxHistoryLength()), updater);
                BatchAssembler assembler = BatchAssembler.forSchema(data.schema(), BATCH);
                int[] rows = data.rowsOf(Split.TRAIN);
                run(fixture, step, assembler, rows, 0);
                int afterFirstStep = fixture.manager.getManagedArrays().size();
                for (int b = 1; b < 8; b++) {
                    run(fixture, step, assembler, rows, b);
                }
                assertThat(fixture.manager.getManagedArrays()).as(regularization.type().name())
                        .hasSize(afterFirstStep);
            }
        }
    }

    private static void run(ModelFixture fixture, TrainingStep step, BatchAssembler assembler, int[] rows, int b) {
        IndexBatch batch = assembler.assemble(fixture.data(), rows, b * BATCH, (b + 1) * BATCH);
        try (NDManager manager = fixture.manager.newSubManager()) {
            step.run(batch, manager);
        }
    }
}
