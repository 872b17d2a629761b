package io.dinplatform.core.model;

import java.util.List;

/**
 * The {@code architecture} of a run request (docs/architecture.md, 'The REST API'). Every field may be omitted
 * (null) and then takes its default, so a request names only what it changes.
 *
 * @param type                     DIN (default) or BASE
 * @param embeddingDim             width of every id embedding; default 18 (the paper's MovieLens/Amazon setting)
 * @param attention                DIN's local activation unit
 * @param mlp                      the final MLP
 * @param pooling                  the base model's history pooling; default SUM
 * @param interestCandidateProduct whether the MLP also reads interest ⊙ candidate (the official code since its 2020
 *                                 fix); default true. It applies to the base model's pooled vector alike, so that the
 *                                 two models differ only in how they pool
 */
public record ArchitectureConfig(ModelType type, Integer embeddingDim, AttentionConfig attention, MlpConfig mlp,
                                 Pooling pooling, Boolean interestCandidateProduct) {

    public static final int DEFAULT_EMBEDDING_DIM = 18;

    public ArchitectureConfig {
        type = type == null ? ModelType.DIN : type;
        embeddingDim = embeddingDim == null ? DEFAULT_EMBEDDING_DIM : embeddingDim;
        attention = attention == null ? AttentionConfig.defaults() : attention;
        mlp = mlp == null ? MlpConfig.defaults() : mlp;
        pooling = pooling == null ? Pooling.SUM : pooling;
        interestCandidateProduct = interestCandidateProduct == null ? Boolean.TRUE : interestCandidateProduct;
        if (embeddingDim <= 0) {
            throw new IllegalArgumentException("embeddingDim must be positive, not " + embeddingDim);
        }
    }

    public static ArchitectureConfig defaults() {
        return new ArchitectureConfig(null, null, null, null, null, null);
    }

    /** The same configuration with another model type (e.g. the base model to compare DIN with). */
    public ArchitectureConfig withType(ModelType newType) {
        return new ArchitectureConfig(newType, embeddingDim, attention, mlp, pooling, interestCandidateProduct);
    }

    static List<Integer> positiveUnits(String field, List<Integer> units) {
        for (int i = 0; i < units.size(); i++) {
            Integer u = units.get(i);
            if (u == null || u <= 0) {
                throw new IllegalArgumentException(field + "[" + i + "] must be a positive number of units, not " + u);
            }
        }
        return List.copyOf(units);
    }
}
