package io.dinplatform.tools.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.embedding.BatchAssembler;
import io.dinplatform.core.embedding.EmbeddingLookup;
import io.dinplatform.core.embedding.EmbeddingTables;
import io.dinplatform.core.embedding.HistoryPadding;
import io.dinplatform.core.embedding.IndexBatch;
import io.dinplatform.core.embedding.SparseEmbeddingLookup;
import io.dinplatform.core.model.ArchitectureConfig;
import io.dinplatform.core.model.CtrModel;
import io.dinplatform.core.model.ModelDimensions;
import io.dinplatform.core.nn.ParameterStore;
import io.dinplatform.core.nn.GradientMode;
import io.dinplatform.core.train.ModelUpdater;
import io.dinplatform.core.train.Optimizer;
import io.dinplatform.core.train.OptimizerConfig;
import io.dinplatform.core.train.RegularizationConfig;
import io.dinplatform.core.train.TrainingStep;

import java.util.stream.IntStream;

/**
 * A DIN with its tables, optimizer (Adam, MBA) and fixed-length batches over benchmark data: the pieces the
 * trainer runs, driven step by step so that each measurement times exactly what it names.
 */
final class BenchmarkModel implements AutoCloseable {

    private final NDManager manager;
    private final EncodedDataset data;
    private final int[] rows;
    private final int batchSize;
    private final BatchAssembler assembler;
    private final EmbeddingTables tables;
    private final CtrModel model;
    private final TrainingStep step;
    private final EmbeddingLookup inferenceLookup;
    private final Optimizer optimizer;
    private int next;

    BenchmarkModel(EncodedDataset data, ArchitectureConfig architecture, int batchSize, int historyLength) {
        this.manager = NDManager.newBaseManager();
        this.data = data;
        this.rows = IntStream.range(0, data.size()).toArray();
        this.batchSize = batchSize;
        this.assembler = new BatchAssembler(data.schema(), HistoryPadding.fixed(historyLength), batchSize);
        this.tables = EmbeddingTables.create(manager, data.schema(), data.vocabularies(),
                architecture.embeddingDim(), 1);
        ModelDimensions dimensions = new ModelDimensions(tables.profileWidth(), tables.itemWidth(),
                tables.numericWidth());
        this.model = CtrModel.create(architecture, dimensions, new ParameterStore(manager, DataType.FLOAT32, 1));
        model.parameters().attachGradients();
        this.optimizer = new Optimizer(OptimizerConfig.adam(0.001f), manager);
        ModelUpdater updater = new ModelUpdater(optimizer, RegularizationConfig.mba(0.01f), 0f, model.parameters(),
                tables);
        this.step = new TrainingStep(model, new SparseEmbeddingLookup(tables, batchSize, historyLength), updater);
        this.inferenceLookup = new EmbeddingLookup(tables);
    }

    ModelDimensions dimensions() {
        return model.dimensions();
    }

    /** One training step on the next mini-batch. */
    void train() {
        try (NDManager batchManager = manager.newSubManager()) {
            step.run(nextBatch(), batchManager);
        }
    }

    /** Scores the next mini-batch without autograd. */
    void infer() {
        try (NDManager batchManager = manager.newSubManager(); GradientMode off = GradientMode.disabled()) {
            NDArray logits = model.forward(inferenceLookup.lookup(nextBatch(), batchManager), false);
            logits.toFloatArray();
        }
    }

    io.dinplatform.core.train.StepTimings timings() {
        return step.timings();
    }

    private IndexBatch nextBatch() {
        if (next + batchSize > rows.length) {
            next = 0;
        }
        IndexBatch batch = assembler.assemble(data, rows, next, next + batchSize);
        next += batchSize;
        return batch;
    }

    @Override
    public void close() {
        optimizer.close();
        model.parameters().close();
        tables.close();
        manager.close();
    }
}
