package io.dinplatform.core.model;

import ai.djl.ndarray.NDArray;

/**
 * One mini-batch after the embedding lookup: what every {@link CtrModel} reads. Building it is the embedding
 * layer's job (sparse row gathers in training, plain lookups in serving); the models never see raw indices.
 *
 * @param profile   (B, P) the profile and context embeddings concatenated, or null when the schema has none
 * @param candidate (B, D) the candidate item's vector: the concatenated embeddings of the sequence targets
 * @param history   (B, T, D) the history items' vectors, in the same layout as the candidate; padded positions hold
 *                  the padding row's embedding and must be ignored through {@code mask}
 * @param mask      (B, T) 1 for a real history item, 0 for padding; T may be 0 when no row has history
 * @param numeric   (B, N) the numeric features, or null when the schema has none
 */
public record EmbeddedBatch(NDArray profile, NDArray candidate, NDArray history, NDArray mask, NDArray numeric) {
}
