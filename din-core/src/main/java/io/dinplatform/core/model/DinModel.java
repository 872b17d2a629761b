package io.dinplatform.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
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
        NDArray real = batch.historyMask() == null ? null : batch.historyMask().gt(0);
        return rank(rankingUser(batch.history(), real), batch.profile(), batch.candidates(), batch.numeric(), false)
                .logits();
    }

    @Override
    public RankingUser rankingUser(NDArray history, NDArray real) {
        LocalActivationUnit.HistoryProjections projections = activationUnit.projectHistory(history);
        NDArray realPositions = real != null ? real
                : history.getManager()
                .ones(new Shape(history.getShape().get(0)), DataType.FLOAT32, history.getDevice()).gt(0);
        return new RankingUser(history, realPositions, projections.keys(), projections.products(), null);
    }

    @Override
    public Scores rank(RankingUser user, NDArray profile, NDArray candidates, NDArray numeric, boolean explain) {
        NDArray raw = activationUnit.rawWeightsForUser(candidates, user.history().getShape().get(0),
                new LocalActivationUnit.HistoryProjections(user.keyProjection(), user.productProjection()));
        NDArray weights = pooling.weights(raw, user.real().expandDims(0).broadcast(raw.getShape()));
        NDArray interest = AttentionPooling.pool(weights, user.history());
        NDArray logits = head.logits(profile, candidates, interest, numeric, false);
        return new Scores(logits, explain ? weights : null);
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
}
