package io.dinplatform.core.model;

import ai.djl.ndarray.NDArray;

/**
 * The user's side of a ranking, computed once per request by {@link CtrModel#rankingUser} and shared, read-only, by
 * every chunk of that user's candidates (several threads may score chunks against it at once). Its arrays belong to
 * the manager of the history it was built from.
 *
 * <p>For DIN it holds what the attention unit's first layer computes from the history alone: the key projection of
 * every history item and the history's part of the product term, so that a candidate only adds its own projections
 * (see {@link LocalActivationUnit}); for the base model, the pooled history.
 */
public final class RankingUser {

    private final NDArray history;
    private final NDArray real;
    private final NDArray keyProjection;
    private final NDArray productProjection;
    private final NDArray pooled;

    RankingUser(NDArray history, NDArray real, NDArray keyProjection, NDArray productProjection, NDArray pooled) {
        this.history = history;
        this.real = real;
        this.keyProjection = keyProjection;
        this.productProjection = productProjection;
        this.pooled = pooled;
    }

    /** (T, D) the history items' vectors. */
    public NDArray history() {
        return history;
    }

    /** (T) boolean, true for a real history item. */
    NDArray real() {
        return real;
    }

    /** DIN: (T, H) the first layer's history part applied to every item. */
    NDArray keyProjection() {
        return keyProjection;
    }

    /** DIN: (D, T·H) the product part spread over the items, so that a candidate's product term is one matmul. */
    NDArray productProjection() {
        return productProjection;
    }

    /** The base model: (1, D) the pooled history. */
    NDArray pooled() {
        return pooled;
    }
}
