package io.dinplatform.core.train;

import io.dinplatform.core.nn.GradientMode;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.dinplatform.core.embedding.EmbeddingTables;
import io.dinplatform.core.embedding.TouchedRows;
import io.dinplatform.core.nn.ParameterStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One optimizer step over a whole model after backward: gradient clipping by global norm, the embedding penalty,
 * row-sparse updates of the tables and dense updates of the layers, then the layers' gradients reset.
 *
 * <p>How the penalties enter, for a touched row j with loss gradient g_j (the loss is the batch mean):
 * <ul>
 *   <li>{@link RegularizationType#MBA}: the gradient becomes g_j + λ·(α_mj/n_j)·w_j with α_mj = 1, because exactly
 *       the rows with α_mj = 1 (ids present in mini-batch m) are touched and rows with α_mj = 0 are neither read nor
 *       written. With SGD this is the paper's w_j ← w_j − η[g_j + λ(α_mj/n_j)w_j]. With Adagrad and Adam it is
 *       that only when {@linkplain RegularizationConfig#isDecoupledFor coupled}; decoupled (their default), the rule
 *       sees g_j alone and the row is then shrunk by η_t·λ·w_j/n_j, w_j its value before the step, as AdamW applies
 *       weight decay. η_t is the step's learning rate, schedule included, so the shrink decays with the steps as
 *       the paper's SGD update and AdamW's decay do.</li>
 *   <li>{@link RegularizationType#L2}: λ·w on every row of every table (the gradient of (λ/2)‖W‖²), so the tables
 *       get dense updates: the baseline, whose cost grows with the vocabulary.</li>
 * </ul>
 * Clipping scales the loss gradients (tables and layers together) so that their global L2 norm is at most
 * {@code clipNorm}; the penalty is added after clipping, since it is not part of the data's gradient.
 *
 * <p>The optimizer's state of each embedding table lives in the table, beside each row's value (the updater sets
 * that up when it is built), so a step reads a touched row's value and state with one gather and writes them back
 * with one scatter.
 */
public final class ModelUpdater {

    private static final String TABLE_PREFIX = "embedding.";

    private final Optimizer optimizer;
    private final RegularizationConfig regularization;
    private final float clipNorm;
    private final ParameterStore layers;
    private final boolean decoupledMba;

    /**
     * @param clipNorm the largest global gradient norm; 0 disables clipping
     * @param tables   the embedding tables; from now on they keep this optimizer's per-row state (zeroed)
     */
    public ModelUpdater(Optimizer optimizer, RegularizationConfig regularization, float clipNorm,
                        ParameterStore layers, EmbeddingTables tables) {
        if (!(clipNorm >= 0f)) {
            throw new IllegalArgumentException("clipNorm must be zero (off) or positive, got " + clipNorm);
        }
        this.optimizer = optimizer;
        this.regularization = regularization;
        this.clipNorm = clipNorm;
        this.layers = layers;
        this.decoupledMba = regularization.type() == RegularizationType.MBA
                && regularization.isDecoupledFor(optimizer.config().type());
        tables.reserveRowState(optimizer.stateSlots());
        tables.tables().keySet().forEach(feature ->
                optimizer.keepStateIn(TABLE_PREFIX + feature, tables.rowStateTable(feature).state()));
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * Applies the step. Call after backward, outside the gradient collector.
     *
     * @param touched the rows the batch's sparse lookup gathered, one entry per table
     * @param batch   the per-batch manager
     */
    public void apply(List<TouchedRows> touched, NDManager batch) {
        try (GradientMode off = GradientMode.disabled()) {
            optimizer.beginStep();
            Map<String, NDArray> layerGradients = layerGradients(batch);
            List<NDArray> rowGradients = new ArrayList<>(touched.size());
            touched.forEach(rows -> rowGradients.add(rows.gradient()));
            NDArray scale = clipScale(layerGradients.values(), rowGradients, batch);
            for (int i = 0; i < touched.size(); i++) {
                updateTable(touched.get(i), scaled(rowGradients.get(i), scale), batch);
            }
            layerGradients.forEach((name, gradient) -> {
                optimizer.updateDense(name, layers.parameter(name), scaled(gradient, scale), batch);
                gradient.subi(gradient); // PyTorch accumulates gradients across backward passes
            });
        }
    }

    private Map<String, NDArray> layerGradients(NDManager batch) {
        Map<String, NDArray> gradients = new LinkedHashMap<>();
        layers.parameters().forEach((name, parameter) -> {
            // The gradient handle would otherwise be attached to the parameter's long-lived manager.
            NDArray gradient = parameter.getGradient();
            gradient.attach(batch);
            gradients.put(name, gradient);
        });
        return gradients;
    }

    private void updateTable(TouchedRows rows, NDArray gradient, NDManager batch) {
        switch (regularization.type()) {
            case NONE -> updateRows(rows, gradient, batch);
            case MBA -> {
                if (decoupledMba) {
                    updateRowsAndShrink(rows, gradient, batch);
                } else {
                    updateRows(rows, gradient.add(rows.values().mul(rows.inverseCounts())
                            .muli(regularization.lambda())), batch);
                }
            }
            case L2 -> updateWholeTable(TABLE_PREFIX + rows.feature(), rows, gradient, batch);
        }
    }

    /** The touched rows alone, their values and state read and written together. */
    private void updateRows(TouchedRows rows, NDArray gradient, NDManager batch) {
        if (rows.count() == 0) {
            return;
        }
        rows.table().update(rows.ids(), batch, (values, state) -> optimizer.updateRows(values, state, gradient));
    }

    /** Decoupled MBA: the rule on the loss gradient, then w_j ← w_j − η_t·λ·w_j/n_j with w_j as before the step. */
    private void updateRowsAndShrink(TouchedRows rows, NDArray gradient, NDManager batch) {
        if (rows.count() == 0) {
            return;
        }
        float rate = optimizer.learningRate() * regularization.lambda();
        rows.table().update(rows.ids(), batch, (values, state) -> {
            NDArray shrink = values.mul(rows.inverseCounts()).muli(rate);
            optimizer.updateRows(values, state, gradient);
            values.subi(shrink);
        });
    }

    /** The L2 baseline: a dense gradient λ·W with the batch's row gradients added at the touched rows. */
    private void updateWholeTable(String name, TouchedRows rows, NDArray gradient, NDManager batch) {
        NDArray table = rows.table().values();
        NDArray dense = table.get(batch, new NDIndex(":")).mul(regularization.lambda());
        if (rows.count() > 0) {
            NDIndex where = new NDIndex("{}", rows.ids());
            dense.set(where, dense.get(where).addi(gradient));
        }
        optimizer.updateDense(name, table, dense, batch);
    }

    /** min(1, c / ‖g‖) as a scalar array, so that clipping costs no round trip to Java; null when off. */
    private NDArray clipScale(Iterable<NDArray> layerGradients, List<NDArray> rowGradients, NDManager batch) {
        if (clipNorm == 0f) {
            return null;
        }
        NDArray sumOfSquares = batch.zeros(new Shape());
        for (NDArray gradient : layerGradients) {
            sumOfSquares.addi(gradient.square().sum());
        }
        for (NDArray gradient : rowGradients) {
            sumOfSquares.addi(gradient.square().sum());
        }
        return sumOfSquares.sqrt().maximum(clipNorm).getNDArrayInternal().rdiv(clipNorm);
    }

    private static NDArray scaled(NDArray gradient, NDArray scale) {
        return scale == null ? gradient : gradient.mul(scale);
    }
}
