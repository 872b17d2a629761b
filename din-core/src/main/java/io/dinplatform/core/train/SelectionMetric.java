package io.dinplatform.core.train;

import io.dinplatform.core.metrics.EvaluationMetrics;

/**
 * The validation metric that picks the best epoch and drives early stopping ({@code training.selectionMetric}).
 * GAUC is the DIN paper's offline metric; when the validation split has no group with both classes it is undefined,
 * and the epochs are ranked by AUC instead ({@link #effectiveOn} says which metric actually ranked them).
 */
public enum SelectionMetric {

    /** Impression-weighted per-user AUC, higher is better. */
    GAUC,
    /** Global AUC, higher is better. */
    AUC,
    /** Mean log loss, lower is better. */
    LOGLOSS;

    /**
     * The metric that ranks epochs with these validation metrics: this one, except GAUC where it is undefined
     * (whether it is depends on the split's labels and groups alone, so it is the same for every epoch).
     */
    public SelectionMetric effectiveOn(EvaluationMetrics validation) {
        return this == GAUC && Double.isNaN(validation.gauc()) ? AUC : this;
    }

    /** Whether {@code candidate} is strictly better than {@code best}: a tie keeps the earlier epoch. */
    public boolean improves(EvaluationMetrics candidate, EvaluationMetrics best) {
        SelectionMetric metric = effectiveOn(candidate) == effectiveOn(best) ? effectiveOn(candidate) : AUC;
        return switch (metric) {
            case GAUC -> candidate.gauc() > best.gauc();
            case AUC -> candidate.auc() > best.auc();
            case LOGLOSS -> candidate.logLoss() < best.logLoss();
        };
    }
}
