package io.dinplatform.core.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.device.EngineThreads;
import io.dinplatform.core.embedding.EmbeddingTables;
import io.dinplatform.core.model.ArchitectureConfig;
import io.dinplatform.core.model.AttentionConfig;
import io.dinplatform.core.model.CtrModel;
import io.dinplatform.core.model.MlpConfig;
import io.dinplatform.core.model.ModelDimensions;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.core.nn.ParameterStore;

import java.util.List;

/** A small real DIN (or base model) with its embedding tables, built from a seed: two fixtures with one seed match. */
final class ModelFixture implements AutoCloseable {

    static final int EMBEDDING_DIM = 4;

    final NDManager manager;
    private final EncodedDataset data;
    final EmbeddingTables tables;
    final CtrModel model;

    ModelFixture(EncodedDataset data, ModelType type, long seed) {
        this(data, type, seed, EMBEDDING_DIM);
    }

    ModelFixture(EncodedDataset data, ModelType type, long seed, int embeddingDim) {
        // Tiny models gain nothing from a second intra-op thread, and on a loaded machine OpenMP's spinning
        // threads make every op many times slower. Results are deterministic for any fixed thread count.
        EngineThreads.use(1);
        this.data = data;
        manager = NDManager.newBaseManager();
        tables = EmbeddingTables.create(manager, data.schema(), data.vocabularies(), embeddingDim, seed);
        ArchitectureConfig architecture = new ArchitectureConfig(type, embeddingDim,
                new AttentionConfig(List.of(8, 4), null, null, null), new MlpConfig(List.of(16, 8), null), null,
                null);
        ModelDimensions dimensions = new ModelDimensions(tables.profileWidth(), tables.itemWidth(),
                tables.numericWidth());
        model = CtrModel.create(architecture, dimensions, new ParameterStore(manager, DataType.FLOAT32, seed));
    }

    EncodedDataset data() {
        return data;
    }

    ParameterStore layers() {
        return model.parameters();
    }

    @Override
    public void close() {
        model.parameters().close();
        tables.close();
        manager.close();
    }
}
