package io.dinplatform.core.train;

import io.dinplatform.core.metrics.EvaluationMetrics;

/**
 * How a call to {@link Trainer#fit} ended.
 *
 * @param status          why it returned
 * @param epochs          epochs completed in the whole run (resumptions included)
 * @param steps           optimizer steps in the whole run
 * @param bestEpoch       the 1-based epoch whose parameters the model now holds (0 if no epoch completed)
 * @param bestValidation  that epoch's validation metrics, or null without a validation split or epoch
 * @param selectedBy      the metric that ranked the epochs: the configured one, or AUC where GAUC was configured
 *                        but is undefined on the validation split (no group with both classes); null without a
 *                        validation split or epoch
 */
public record TrainingResult(Status status, int epochs, long steps, int bestEpoch, EvaluationMetrics bestValidation,
                             SelectionMetric selectedBy) {

    public enum Status {
        /** All configured epochs ran. */
        COMPLETED,
        /** The validation selection metric stopped improving for {@code earlyStoppingPatience} epochs. */
        EARLY_STOPPED,
        /** The cancellation signal was seen between two mini-batches; the run can resume from a checkpoint. */
        CANCELLED
    }
}
