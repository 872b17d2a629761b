package io.dinplatform.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.dinplatform.core.nn.Mlp;
import io.dinplatform.core.nn.ParameterStore;

/**
 * DIN's local activation unit: the raw attention weight w_j of history item k_j for candidate q is an MLP of
 * {@code [q, k, q − k, q·k]} (OFFICIAL) or {@code [q, k, q·k]} (PAPER) with a linear output.
 *
 * <p>The first layer's weight W is stored whole, (blocks·D, H), initialised and trained exactly like a dense layer on
 * the concatenated input. It is never applied to a concatenation, though: with W = [Wq; Wk; Wd; Wp],
 * <pre>  W·[q, k, q − k, q·k] = (Wq + Wd)·q + (Wk − Wd)·k + Wp·(q·k)</pre>
 * so the candidate part is computed once per row, the history part once per history item, and only the product part
 * needs every (candidate, item) pair. That saves the concatenation and half the multiply-adds. At inference the
 * history and product parts merge further, into one weight per candidate (see {@link FirstLayer}), and ranking runs
 * one user's history, embedded once, against all of that user's candidates.
 */
final class LocalActivationUnit {

    private final AttentionInput input;
    private final int itemWidth;
    private final Mlp mlp;

    LocalActivationUnit(ParameterStore store, String name, AttentionConfig config, int itemWidth) {
        this.input = config.input();
        this.itemWidth = itemWidth;
        this.mlp = new Mlp(store, name, input.blocks() * itemWidth, config.hiddenUnits(), config.activation(), 1);
    }

    /**
     * @param candidate (B, D)
     * @param history   (B, T, D)
     * @param mask      (B, T), keeps padding out of Dice's batch statistics
     * @return (B, T) raw weights, padded positions not yet masked
     */
    NDArray rawWeights(NDArray candidate, NDArray history, NDArray mask, boolean training) {
        FirstLayer layer = firstLayer(candidate.getManager());
        NDArray preActivation = training
                ? layer.splitPreActivation(candidate, history)
                : layer.perCandidatePreActivation(candidate, history);
        return mlp.forwardFromFirstPreActivation(preActivation, mask, training).squeeze(2);
    }

    /** What the first layer computes from one user's history alone, for {@link #rawWeightsForUser}. */
    record HistoryProjections(NDArray keys, NDArray products) {
    }

    /**
     * The history's side of the first layer, once per ranked user: the key projection {@code k·Wk} of every item,
     * (T, H), and the product term's history part laid out as one matrix, (D, T·H) with entry (d, t·H + h) =
     * {@code k[t, d]·Wp[d, h]}, so that every candidate's product term {@code Wp·(q·k)} over all T items is one row of
     * a single (C, D) × (D, T·H) product instead of C small batched ones.
     *
     * @param history (T, D)
     */
    HistoryProjections projectHistory(NDArray history) {
        FirstLayer layer = firstLayer(history.getManager());
        long items = history.getShape().get(0);
        long hidden = layer.historyPart().getShape().get(1);
        NDArray keys = history.matMul(layer.historyPart());
        NDArray products = history.transpose().expandDims(2).mul(layer.productPart().expandDims(1))
                .reshape(itemWidth, items * hidden);
        return new HistoryProjections(keys, products);
    }

    /**
     * Ranking: candidates against one user's {@link #projectHistory projected history}; equal (to float rounding) to
     * {@link #rawWeights} on the same pairs.
     *
     * @param candidates (C, D)
     * @param items      T, the history's length
     * @return (C, T) raw weights
     */
    NDArray rawWeightsForUser(NDArray candidates, long items, HistoryProjections history) {
        FirstLayer layer = firstLayer(candidates.getManager());
        long count = candidates.getShape().get(0);
        long hidden = layer.historyPart().getShape().get(1);
        NDArray candidateTerm = candidates.matMul(layer.candidatePart()).addi(layer.bias()).expandDims(1); // (C,1,H)
        NDArray preActivation = candidates.matMul(history.products()).reshape(count, items, hidden)
                .addi(history.keys().expandDims(0))
                .addi(candidateTerm);
        return mlp.forwardFromFirstPreActivation(preActivation, null, false).squeeze(2);
    }

    /**
     * The unsplit computation, W applied to the concatenated input: the definition the split form must equal.
     * Used by tests only; the model never concatenates.
     */
    NDArray rawWeightsByConcatenation(NDArray candidate, NDArray history, NDArray mask, boolean training) {
        NDArray q = candidate.expandDims(1).broadcast(history.getShape());
        NDArray concatenated = input == AttentionInput.OFFICIAL
                ? NDArrays.concat(new NDList(q, history, q.sub(history), q.mul(history)), 2)
                : NDArrays.concat(new NDList(q, history, q.mul(history)), 2);
        return mlp.forward(concatenated, mask, training).squeeze(2);
    }

    /** Views of the live first-layer weight, per call, owned by the batch's manager (gradients flow through them). */
    private FirstLayer firstLayer(NDManager batchManager) {
        NDArray weight = mlp.firstLayer().weight();
        NDArray q = block(weight, batchManager, 0);
        NDArray k = block(weight, batchManager, 1);
        NDArray bias = mlp.firstLayer().bias().get(batchManager, new NDIndex(":"));
        if (input == AttentionInput.PAPER) {
            return new FirstLayer(q, k, block(weight, batchManager, 2), bias);
        }
        NDArray difference = block(weight, batchManager, 2);
        return new FirstLayer(q.add(difference), k.sub(difference), block(weight, batchManager, 3), bias);
    }

    private NDArray block(NDArray weight, NDManager manager, int index) {
        return weight.get(manager, new NDIndex("{}:{}", (long) index * itemWidth, (long) (index + 1) * itemWidth));
    }

    /** The first layer regrouped by what each part multiplies. */
    private record FirstLayer(NDArray candidatePart, NDArray historyPart, NDArray productPart, NDArray bias) {

        /**
         * Training: the three parts as three products over the whole batch. Training keeps this form, whose
         * numerics and backward cost the training runs and their benchmarks were measured with.
         *
         * @return (B, T, H)
         */
        NDArray splitPreActivation(NDArray candidate, NDArray history) {
            NDArray candidateTerm = candidate.matMul(candidatePart).add(bias).expandDims(1);
            NDArray productTerm = history.mul(candidate.expandDims(1)).matMul(productPart);
            return history.matMul(historyPart).add(candidateTerm).add(productTerm);
        }

        /**
         * Inference: the history and product parts merged into one weight per candidate,
         * <pre>  Wk·k + Wp·(q·k) = (Wk + diag(q)·Wp)·k</pre>
         * so that the history goes through a single batched product, and neither the (B, T, D) products q·k nor a
         * second (B, T, H) term is ever materialised. The per-candidate weights are small, (B, D, H), against
         * (B, T, H) for each term they replace; the sums are in place on arrays this call allocated.
         *
         * @param candidate (B, D)
         * @param history   (B, T, D), or (1, T, D) shared by every candidate
         * @return (B, T, H)
         */
        NDArray perCandidatePreActivation(NDArray candidate, NDArray history) {
            NDArray candidateWeights = candidate.expandDims(2).mul(productPart).addi(historyPart); // (B, D, H)
            NDArray candidateTerm = candidate.matMul(candidatePart).addi(bias).expandDims(1);        // (B, 1, H)
            return history.matMul(candidateWeights).addi(candidateTerm);
        }
    }
}
