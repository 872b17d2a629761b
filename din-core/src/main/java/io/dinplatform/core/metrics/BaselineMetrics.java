package io.dinplatform.core.metrics;

/**
 * A trivial baseline's ranking quality on the rows a model was evaluated on ({@link PopularityBaseline}): AUC and
 * GAUC only, since its scores are counts, not probabilities.
 *
 * @param auc  global AUC (NaN when the rows hold one class only)
 * @param gauc impression-weighted per-group AUC (NaN when no group has both classes)
 */
public record BaselineMetrics(double auc, double gauc) {

    /**
     * @param scores any monotone score, one per impression
     * @param labels 0 or 1
     * @param groups the GAUC group of every impression
     */
    public static BaselineMetrics of(float[] scores, float[] labels, int[] groups) {
        return new BaselineMetrics(Auc.global(scores, labels), Auc.grouped(scores, labels, groups));
    }

    /** RelaImpr of the model over this baseline on GAUC, in percent; NaN when this GAUC is not above 0.5. */
    public double relaImprGaucOf(EvaluationMetrics model) {
        return gauc > 0.5 ? RelaImpr.of(model.gauc(), gauc) : Double.NaN;
    }

    /** RelaImpr of the model over this baseline on global AUC, in percent; NaN when this AUC is not above 0.5. */
    public double relaImprAucOf(EvaluationMetrics model) {
        return auc > 0.5 ? RelaImpr.of(model.auc(), auc) : Double.NaN;
    }

    /**
     * Whether the model ranks better than the baseline: on GAUC where both have one, else on AUC; false when
     * neither can be compared.
     */
    public boolean isBeatenBy(EvaluationMetrics model) {
        if (!Double.isNaN(gauc) && !Double.isNaN(model.gauc())) {
            return model.gauc() > gauc;
        }
        return !Double.isNaN(auc) && !Double.isNaN(model.auc()) && model.auc() > auc;
    }
}
