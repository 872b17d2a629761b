package io.dinplatform.core.train;

import io.dinplatform.core.metrics.EvaluationMetrics;

/**
 * The outcome of a {@link TrainingJob}: how training ended and how the selected parameters score.
 *
 * @param result     how {@link Trainer#fit} ended (best epoch, steps)
 * @param validation the selected parameters on VALID (null when the split is empty)
 * @param test       the selected parameters on TEST (null when the split is empty or the run was cancelled)
 * @param trainingSamplesPerSecond mean training throughput over the run's mini-batches
 */
public record TrainingReport(TrainingResult result, EvaluationMetrics validation, EvaluationMetrics test,
                             double trainingSamplesPerSecond) {
}
