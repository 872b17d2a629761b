package io.dinplatform.api.model;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The shape of the metrics a training run, a model version and a batch prediction show (written by the worker as
 * JSON): the OpenAPI document's {@code EvaluationMetrics}. A metric that is undefined on the rows (one class only)
 * is null.
 *
 * @param auc        area under the ROC curve
 * @param gauc       the paper's group AUC: per user, weighted by impressions
 * @param logloss    mean log loss
 * @param samples    the rows evaluated
 * @param positives  the clicks among them
 * @param baseline   the popularity baseline's figures on the same rows, when there is an item feature
 * @param validation a model version's (and its run's): the metrics of the selected epoch on the validation split
 */
@Schema(name = "EvaluationMetrics", description = "Metrics of scores against labels, with the popularity baseline's",
        requiredProperties = {"samples", "positives"})
public record EvaluationMetrics(@Schema(example = "0.7431") Double auc,
                                @Schema(example = "0.7012") Double gauc,
                                @Schema(example = "0.5528") Double logloss,
                                long samples,
                                long positives,
                                Baseline baseline,
                                EvaluationMetrics validation) {

    /**
     * The popularity baseline (each candidate scored by how often its item occurs in the training split).
     *
     * @param name         {@code popularity}
     * @param auc          its AUC
     * @param gauc         its GAUC
     * @param relaImprGauc RelaImpr of the model over it on GAUC
     * @param relaImprAuc  RelaImpr of the model over it on AUC
     * @param beaten       whether the model beats it
     */
    @Schema(name = "BaselineMetrics", requiredProperties = {"name", "beaten"})
    public record Baseline(String name, Double auc, Double gauc,
                           Double relaImprGauc, Double relaImprAuc,
                           boolean beaten) {
    }
}
