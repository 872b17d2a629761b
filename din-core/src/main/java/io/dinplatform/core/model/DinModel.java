package io.dinplatform.core.model;

import ai.djl.ndarray.NDArray;
import io.dinplatform.core.nn.ParameterStore;

/**
 * The Deep Interest Network (Zhou et al., KDD 2018): the history is pooled by attention to the candidate, the
 * interest vector {@code Σ_j w_j·e_j}, computed per candidate; then the scoring MLP.
 */
final class DinModel implements CtrModel {

    private final ArchitectureConfig config;
    private final ModelDimensions dimensions;
    private final ParameterStore store;
    private final LocalActivationUnit activationUnit;
    private final AttentionPooling pooling;
    private final ScoringHead head;

    DinModel(ArchitectureConfig config, ModelDimensions dimensions, ParameterStore store) {
        this.config = config;
        this.dimensions = dimensions;
        this.store = store;
        this.activationUnit = new LocalActivationUnit(store, "attention", config.attention(), dimensions.itemWidth());
        this.pooling = new AttentionPooling(config.attention().normalization());
        this.head = new ScoringHead(store, config, dimensions);
    }

    @Override
    public NDArray forward(EmbeddedBatch batch, boolean training) {
        return score(batch, training).logits();
    }

    @Override
    public Scores explain(EmbeddedBatch batch) {
        return score(batch, false);
    }

    @Override
    public NDArray rank(RankingBatch batch) {
        BatchShapes.check(batch, dimensions);
        NDArray raw = activationUnit.rawWeightsForOneHistory(batch.candidates(), batch.history());
        NDArray weights = pooling.weights(raw, realPositions(batch, raw));
        NDArray interest = AttentionPooling.pool(weights, batch.history());
        return head.logits(batch.profile(), batch.candidates(), interest, batch.numeric(), false);
    }

    /** The attention unit, for tests of its split first layer. */
    LocalActivationUnit activationUnit() {
        return activationUnit;
    }

    @Override
    public ParameterStore parameters() {
        return store;
    }

    @Override
    public ArchitectureConfig architecture() {
        return config;
    }

    @Override
    public ModelDimensions dimensions() {
        return dimensions;
    }

    private Scores score(EmbeddedBatch batch, boolean training) {
        BatchShapes.check(batch, dimensions);
        NDArray raw = activationUnit.rawWeights(batch.candidate(), batch.history(), batch.mask(), training);
        NDArray weights = pooling.weights(raw, batch.mask().gt(0));
        NDArray interest = AttentionPooling.pool(weights, batch.history());
        NDArray logits = head.logits(batch.profile(), batch.candidate(), interest, batch.numeric(), training);
        return new Scores(logits, weights);
    }

    private static NDArray realPositions(RankingBatch batch, NDArray raw) {
        if (batch.historyMask() == null) {
            return raw.onesLike().gt(0);
        }
        return batch.historyMask().gt(0).expandDims(0).broadcast(raw.getShape());
    }
}
