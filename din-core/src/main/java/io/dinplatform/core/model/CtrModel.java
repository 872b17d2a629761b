package io.dinplatform.core.model;

import ai.djl.ndarray.NDArray;
import io.dinplatform.core.nn.ParameterStore;

/**
 * A click-through-rate model over embedded inputs: the Embedding&amp;MLP base model or DIN.
 *
 * <p>Positives and negatives go through exactly the same path, with attention computed per candidate: a model
 * never shares intermediate results between rows of a batch (except Dice's batch statistics in training).
 *
 * <p>A model holds no arrays of its own beyond its {@link #parameters()}; it is cheap to call from several threads
 * at inference, as long as each call works in its own {@code NDManager} and without autograd.
 */
public interface CtrModel {

    /** Builds the model the configuration names, registering its parameters in the store. */
    static CtrModel create(ArchitectureConfig config, ModelDimensions dimensions, ParameterStore store) {
        return switch (config.type()) {
            case DIN -> new DinModel(config, dimensions, store);
            case BASE -> new BaseModel(config, dimensions, store);
        };
    }

    /**
     * @param batch    the embedded mini-batch
     * @param training true for a training step (Dice uses batch statistics and updates its running averages)
     * @return (B) logits; the click probability is their sigmoid
     */
    NDArray forward(EmbeddedBatch batch, boolean training);

    /** Inference with the attention weight of every history position when the model has attention (DIN). */
    Scores explain(EmbeddedBatch batch);

    /**
     * Inference for one user against many candidates, computing what depends only on the user once.
     *
     * @return (C) logits, equal (to float rounding) to {@link #forward} on the same pairs
     */
    NDArray rank(RankingBatch batch);

    /**
     * The part of a ranking that depends on the user alone, computed once and then shared by every chunk of the
     * user's candidates ({@link #rank(RankingUser, NDArray, NDArray, NDArray, boolean)}).
     *
     * @param history (T, D) the user's history items
     * @param real    (T) true for a real item, or null when all T items are real
     */
    RankingUser rankingUser(NDArray history, NDArray real);

    /**
     * Scores candidates against a user's prepared side; equal (to float rounding) to {@link #forward} on the pairs.
     *
     * @param profile    (C, P), or (1, P) shared by every candidate, or null when the schema has none
     * @param candidates (C, D)
     * @param numeric    (C, N) or (1, N), or null when the schema has none
     * @param explain    also return each candidate's attention weights over the history (a model with attention)
     */
    Scores rank(RankingUser user, NDArray profile, NDArray candidates, NDArray numeric, boolean explain);

    /** The dense parameters and state, by name. */
    ParameterStore parameters();

    ArchitectureConfig architecture();

    ModelDimensions dimensions();
}
