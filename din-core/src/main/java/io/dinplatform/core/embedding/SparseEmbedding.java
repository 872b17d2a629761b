package io.dinplatform.core.embedding;

import io.dinplatform.core.model.EmbeddedBatch;

import java.util.List;

/**
 * A training mini-batch after the row-sparse lookup: the model's input and, per table, the rows it touched.
 *
 * @param batch   the embedded batch; its embeddings are differentiable functions of the touched rows
 * @param touched one entry per embedding table, in schema order
 */
public record SparseEmbedding(EmbeddedBatch batch, List<TouchedRows> touched) {

    public SparseEmbedding {
        touched = List.copyOf(touched);
    }
}
