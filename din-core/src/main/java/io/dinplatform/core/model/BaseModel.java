package io.dinplatform.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.dinplatform.core.nn.ParameterStore;

/**
 * The Embedding&amp;MLP base model of the DIN paper: the history is sum- or mean-pooled over its real positions,
 * blind to the candidate, then the same scoring MLP as DIN. An empty history pools to zeros.
 */
final class BaseModel implements CtrModel {

    private final ArchitectureConfig config;
    private final ModelDimensions dimensions;
    private final ParameterStore store;
    private final ScoringHead head;

    BaseModel(ArchitectureConfig config, ModelDimensions dimensions, ParameterStore store) {
        this.config = config;
        this.dimensions = dimensions;
        this.store = store;
        this.head = new ScoringHead(store, config, dimensions);
    }

    @Override
    public NDArray forward(EmbeddedBatch batch, boolean training) {
        BatchShapes.check(batch, dimensions);
        NDArray weights = batch.mask().toType(batch.history().getDataType(), false);
        NDArray pooled = pool(weights, batch.history());
        return head.logits(batch.profile(), batch.candidate(), pooled, batch.numeric(), training);
    }

    @Override
    public Scores explain(EmbeddedBatch batch) {
        return new Scores(forward(batch, false), null);
    }

    @Override
    public NDArray rank(RankingBatch batch) {
        BatchShapes.check(batch, dimensions);
        NDArray real = batch.historyMask() == null ? null : batch.historyMask().gt(0);
        return rank(rankingUser(batch.history(), real), batch.profile(), batch.candidates(), batch.numeric(), false)
                .logits();
    }

    /** The pooled history, (1, D), once for every candidate. */
    @Override
    public RankingUser rankingUser(NDArray history, NDArray real) {
        NDArray weights = real == null
                ? history.getManager().ones(new Shape(1, history.getShape().get(0)), history.getDataType(),
                        history.getDevice())
                : real.toType(history.getDataType(), false).expandDims(0);
        return new RankingUser(history, real, null, null, pool(weights, history));
    }

    @Override
    public Scores rank(RankingUser user, NDArray profile, NDArray candidates, NDArray numeric, boolean explain) {
        NDArray shared = user.pooled().broadcast(candidates.getShape());
        return new Scores(head.logits(profile, candidates, shared, numeric, false), null);
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

    /** weights (B, T) of 1 for real positions; history (B, T, D) or (T, D). */
    private NDArray pool(NDArray weights, NDArray history) {
        NDArray sum = AttentionPooling.pool(weights, history);
        if (config.pooling() == Pooling.SUM) {
            return sum;
        }
        return sum.div(weights.sum(new int[] {1}, true).maximum(1));
    }
}
