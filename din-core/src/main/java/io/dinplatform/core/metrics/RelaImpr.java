package io.dinplatform.core.metrics;

/**
 * Relative improvement over a base model (the DIN paper, eq. 6):
 * {@code RelaImpr = ((AUC − 0.5) / (AUC_base − 0.5) − 1) · 100 %}. A random guesser's AUC is 0.5, so this
 * measures how much of the base model's lift over random the model adds.
 *
 * <p>The paper measures it on GAUC ({@link EvaluationMetrics#relaImprGaucOver}); the same ratio on global AUC
 * ({@link EvaluationMetrics#relaImprAucOver}) is reported beside it, labelled as such.
 */
public final class RelaImpr {

    private RelaImpr() {
    }

    /**
     * @param auc     the measured model's AUC or GAUC
     * @param baseAuc the base model's, of the same kind
     * @return the improvement in percent
     */
    public static double of(double auc, double baseAuc) {
        if (!(baseAuc > 0.5)) {
            throw new IllegalArgumentException("RelaImpr needs a base AUC above 0.5, not " + baseAuc);
        }
        return ((auc - 0.5) / (baseAuc - 0.5) - 1) * 100;
    }
}
