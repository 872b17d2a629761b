package io.dinplatform.worker.steps;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.embedding.EmbeddingTables;
import io.dinplatform.core.model.CtrModel;
import io.dinplatform.core.model.ModelDimensions;
import io.dinplatform.core.nn.ParameterStore;
import io.dinplatform.core.train.Trainer;

/**
 * A run's model on its device: the embedding tables, the dense layers and the trainer that updates them. Built from
 * the run's seed, so a session built again in another process starts from the same parameters, and a checkpoint
 * read into it continues exactly where the last one stopped.
 */
public final class TrainingSession implements AutoCloseable {

    private final NDManager manager;
    private final EmbeddingTables tables;
    private final CtrModel model;
    private final Trainer trainer;
    private volatile boolean trained;

    private TrainingSession(NDManager manager, EmbeddingTables tables, CtrModel model, Trainer trainer) {
        this.manager = manager;
        this.tables = tables;
        this.model = model;
        this.trainer = trainer;
    }

    public static TrainingSession create(EncodedDataset data, RunSpec spec, Device device) {
        long seed = spec.training().seed();
        NDManager manager = NDManager.newBaseManager(device);
        try {
            EmbeddingTables tables = EmbeddingTables.create(manager, data.schema(), data.vocabularies(),
                    spec.architecture().embeddingDim(), seed);
            ModelDimensions dimensions = new ModelDimensions(tables.profileWidth(), tables.itemWidth(),
                    tables.numericWidth());
            CtrModel model = CtrModel.create(spec.architecture(), dimensions,
                    new ParameterStore(manager, DataType.FLOAT32, seed));
            return new TrainingSession(manager, tables, model, new Trainer(model, tables, data, spec.training()));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public Trainer trainer() {
        return trainer;
    }

    public CtrModel model() {
        return model;
    }

    public EmbeddingTables tables() {
        return tables;
    }

    /** Whether the model holds the selected (best) parameters of a finished training. */
    public boolean isTrained() {
        return trained;
    }

    public void markTrained() {
        trained = true;
    }

    @Override
    public void close() {
        trainer.close();
        model.parameters().close();
        tables.close();
        manager.close();
    }
}
