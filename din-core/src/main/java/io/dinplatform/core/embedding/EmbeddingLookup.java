package io.dinplatform.core.embedding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import io.dinplatform.core.model.EmbeddedBatch;
import io.dinplatform.core.schema.FeatureSpec;

import java.util.HashMap;
import java.util.Map;

/**
 * The inference lookup: index batch in, {@link EmbeddedBatch} out, with plain row gathers that build no autograd
 * graph (the tables never require gradients). Evaluation and serving use it; it is stateless and thread-safe, so
 * one instance can serve every scoring thread (each with its own {@link BatchAssembler} and batch manager).
 */
public final class EmbeddingLookup {

    private final EmbeddingTables tables;
    private final EmbeddingLayout layout;

    public EmbeddingLookup(EmbeddingTables tables) {
        this.tables = tables;
        this.layout = new EmbeddingLayout(tables.schema(), tables.dimension());
    }

    /**
     * @param batch   the indices
     * @param manager a per-batch manager: every array of the result is attached to it
     */
    public EmbeddedBatch lookup(IndexBatch batch, NDManager manager) {
        Map<String, NDArray> categorical = new HashMap<>();
        for (FeatureSpec feature : tables.schema().categorical()) {
            categorical.put(feature.name(), rows(feature.name(), batch.categorical(feature.name(), manager)));
        }
        Map<String, NDArray> history = new HashMap<>();
        for (FeatureSpec sequence : tables.schema().sequences()) {
            history.put(sequence.name(), rows(sequence.target(), batch.history(sequence.name(), manager)));
        }
        return layout.compose(batch, categorical, history, manager);
    }

    /**
     * Rows of a feature's table for an index array of any shape: the result has the index's shape plus d, owned by
     * the indices' manager (the batch's). The engine's embedding kernel copies whole rows; general advanced indexing
     * gives the same values at several times the cost.
     */
    private NDArray rows(String feature, NDArray indices) {
        return Embedding.embedding(indices, tables.table(feature), SparseFormat.DENSE).singletonOrThrow();
    }
}
