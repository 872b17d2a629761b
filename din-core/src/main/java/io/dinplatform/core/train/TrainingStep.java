package io.dinplatform.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.dinplatform.core.embedding.IndexBatch;
import io.dinplatform.core.embedding.SparseEmbedding;
import io.dinplatform.core.embedding.SparseEmbeddingLookup;
import io.dinplatform.core.model.CtrModel;

/**
 * One mini-batch of training: sparse lookup and forward pass under a gradient collector, backward, then the
 * optimizer step. Everything it creates lives in the caller's per-batch manager.
 */
public final class TrainingStep {

    private final CtrModel model;
    private final SparseEmbeddingLookup lookup;
    private final ModelUpdater updater;
    private final StepTimings timings = new StepTimings();

    public TrainingStep(CtrModel model, SparseEmbeddingLookup lookup, ModelUpdater updater) {
        this.model = model;
        this.lookup = lookup;
        this.updater = updater;
    }

    /**
     * @return the batch's mean loss before the update
     */
    public float run(IndexBatch batch, NDManager manager) {
        long start = System.nanoTime();
        SparseEmbedding embedded;
        NDArray loss;
        long forwardDone;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            embedded = lookup.lookup(batch, manager);
            NDArray logits = model.forward(embedded.batch(), true);
            loss = BinaryCrossEntropy.mean(logits, batch.labels(manager));
            forwardDone = System.nanoTime();
            collector.backward(loss);
        }
        long backwardDone = System.nanoTime();
        updater.apply(embedded.touched(), manager);
        timings.add(forwardDone - start, backwardDone - forwardDone, System.nanoTime() - backwardDone);
        return loss.getFloat();
    }

    public StepTimings timings() {
        return timings;
    }

    public ModelUpdater updater() {
        return updater;
    }
}
