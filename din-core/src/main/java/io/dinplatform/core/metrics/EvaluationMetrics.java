package io.dinplatform.core.metrics;

/**
 * The metrics of one model on one split.
 *
 * @param auc       global AUC (NaN when the split holds one class only)
 * @param gauc      impression-weighted per-group AUC over the groups with both classes
 * @param logLoss   mean clipped binary cross-entropy
 * @param samples   impressions scored
 * @param positives clicks among them
 */
public record EvaluationMetrics(double auc, double gauc, double logLoss, long samples, long positives) {

    /**
     * @param probabilities click probabilities, one per impression
     * @param labels        0 or 1
     * @param groups        the GAUC group of every impression (e.g. the user)
     */
    public static EvaluationMetrics of(float[] probabilities, float[] labels, int[] groups) {
        long positives = 0;
        for (float label : labels) {
            positives += label == 1f ? 1 : 0;
        }
        return new EvaluationMetrics(Auc.global(probabilities, labels), Auc.grouped(probabilities, labels, groups),
                LogLoss.of(probabilities, labels), labels.length, positives);
    }

    /**
     * RelaImpr over a base model's metrics on GAUC, the DIN paper's definition, in percent.
     *
     * @throws IllegalArgumentException when the base's GAUC is not above 0.5 (or undefined)
     */
    public double relaImprGaucOver(EvaluationMetrics base) {
        return RelaImpr.of(gauc, base.gauc());
    }

    /**
     * The same ratio on global AUC, in percent: the form to compare with results that report global AUC.
     *
     * @throws IllegalArgumentException when the base's AUC is not above 0.5 (or undefined)
     */
    public double relaImprAucOver(EvaluationMetrics base) {
        return RelaImpr.of(auc, base.auc());
    }
}
