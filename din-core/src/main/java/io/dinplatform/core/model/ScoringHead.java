package io.dinplatform.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import io.dinplatform.core.nn.Mlp;
import io.dinplatform.core.nn.ParameterStore;

/**
 * The MLP shared by DIN and the base model: it reads {@code [profile, candidate, pooled, pooled ⊙ candidate,
 * numeric]} (the product only when {@code interestCandidateProduct} is on) and outputs one logit per row.
 */
final class ScoringHead {

    private final boolean interestCandidateProduct;
    private final Mlp mlp;

    ScoringHead(ParameterStore store, ArchitectureConfig config, ModelDimensions dimensions) {
        this.interestCandidateProduct = config.interestCandidateProduct();
        int products = interestCandidateProduct ? 1 : 0;
        int inputs = dimensions.profileWidth() + (2 + products) * dimensions.itemWidth() + dimensions.numericWidth();
        this.mlp = new Mlp(store, "mlp", inputs, config.mlp().hiddenUnits(), config.mlp().activation(), 1);
    }

    /**
     * @param profile   (B, P) or (1, P) broadcast over the rows, or null
     * @param candidate (B, D)
     * @param pooled    (B, D) the interest (DIN) or the pooled history (base)
     * @param numeric   (B, N) or (1, N), or null
     * @return (B) logits
     */
    NDArray logits(NDArray profile, NDArray candidate, NDArray pooled, NDArray numeric, boolean training) {
        long rows = candidate.getShape().get(0);
        NDList parts = new NDList(5);
        if (profile != null) {
            parts.add(broadcastRows(profile, rows));
        }
        parts.add(candidate);
        parts.add(pooled);
        if (interestCandidateProduct) {
            parts.add(pooled.mul(candidate));
        }
        if (numeric != null) {
            parts.add(broadcastRows(numeric, rows));
        }
        return mlp.forward(NDArrays.concat(parts, 1), null, training).squeeze(1);
    }

    private static NDArray broadcastRows(NDArray array, long rows) {
        long have = array.getShape().get(0);
        return have == rows ? array : array.broadcast(rows, array.getShape().get(1));
    }
}
