package io.dinplatform.core.train;

import io.dinplatform.core.metrics.EvaluationMetrics;

/**
 * Receives progress from a {@link Trainer}, on the training thread: keep it quick (hand work to another thread
 * if it is not). {@link #onEpoch} runs after the epoch's state is final, so writing a checkpoint there gives an
 * exact resumption point.
 */
public interface TrainingListener {

    TrainingListener NONE = new TrainingListener() {
    };

    /** After every mini-batch. */
    default void onStep(StepProgress progress) {
    }

    /** After every epoch and its validation. */
    default void onEpoch(EpochSummary summary) {
    }

    /**
     * @param epoch             1-based epoch
     * @param step              optimizer steps so far, this one included
     * @param batch             1-based mini-batch within the epoch
     * @param batchesPerEpoch   mini-batches in an epoch
     * @param loss              the mini-batch's mean loss
     * @param learningRate      η of this step
     * @param samplesPerSecond  training throughput since the epoch (or the resumption) began
     */
    record StepProgress(int epoch, long step, int batch, int batchesPerEpoch, float loss, float learningRate,
                        double samplesPerSecond) {
    }

    /**
     * @param epoch            1-based epoch just finished
     * @param step             optimizer steps so far
     * @param trainLoss        mean of the epoch's mini-batch losses
     * @param samplesPerSecond training throughput of the epoch
     * @param validation       metrics on the validation split, or null when it is empty
     * @param best             whether this epoch is the best so far (its parameters are kept)
     */
    record EpochSummary(int epoch, long step, double trainLoss, double samplesPerSecond,
                        EvaluationMetrics validation, boolean best) {
    }
}
