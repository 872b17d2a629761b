package io.dinplatform.api.run;

import java.util.Map;

import io.dinplatform.api.model.EvaluationMetrics;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The shape of a run's {@code progress}: the latest point the worker reported, one of the stages {@code prepare}
 * (the dataset's rows, shards and encoding), {@code train} (a step's loss and speed; {@code split: valid} with the
 * epoch's validation metrics; or where a retried run resumed), {@code trained} (how training ended and which epoch
 * was selected), {@code evaluate} (the test metrics) and {@code register} (the registered version). Only the fields
 * of its stage are present. The same points are the run's events ({@code GET /training-runs/{id}/events}).
 */
@Schema(name = "RunProgress", description = "The latest point of a run: only the fields of its stage are present",
        requiredProperties = "stage")
public record RunProgress(
        @Schema(allowableValues = {"prepare", "train", "trained", "evaluate", "register"}) String stage,
        @Schema(description = "prepare: the dataset") String dataset,
        @Schema(description = "prepare: the dataset's version") Integer datasetVersion,
        @Schema(description = "prepare: rows of the training split") Long trainRows,
        @Schema(description = "prepare: rows of the validation split") Long validRows,
        @Schema(description = "prepare: rows of the test split") Long testRows,
        @Schema(description = "prepare: rows in all") Long rows,
        @Schema(description = "prepare: encoded shards") Integer shards,
        @Schema(description = "prepare: whether the encoded dataset was reused or encoded",
                allowableValues = {"reused", "encoded"}) String encoding,
        @Schema(description = "prepare: the encoded dataset's key") String encodingKey,
        @Schema(description = "prepare: seconds spent") Double prepareSeconds,
        @Schema(description = "prepare: ids per categorical feature") Map<String, Integer> vocabularySizes,
        @Schema(description = "train: the epoch (from 1)") Integer epoch,
        @Schema(description = "train, trained: the number of epochs") Integer epochs,
        @Schema(description = "train: steps so far") Long step,
        @Schema(description = "train: the batch within the epoch") Integer batch,
        @Schema(description = "train: batches per epoch") Integer batchesPerEpoch,
        @Schema(description = "train: the batch's loss") Double loss,
        @Schema(description = "train: the learning rate") Double learningRate,
        @Schema(description = "train: training speed") Double samplesPerSecond,
        @Schema(description = "train (valid), evaluate: the split evaluated", allowableValues = {"valid", "test"})
        String split,
        @Schema(description = "train (valid): the epoch's mean training loss") Double trainLoss,
        @Schema(description = "train (valid): whether this epoch is the best so far") Boolean best,
        @Schema(description = "train (valid), trained: the validation metrics") EvaluationMetrics validation,
        @Schema(description = "train (resumed): the epoch the checkpoint was taken after") Integer resumedFromEpoch,
        @Schema(description = "train (resumed): the step the checkpoint was taken at") Long resumedFromStep,
        @Schema(description = "train (resumed): the checkpoint's SHA-256") String checkpoint,
        @Schema(description = "train (resumed): the attempt") Integer attempt,
        @Schema(description = "trained: how training ended") String status,
        @Schema(description = "trained: steps in all") Long steps,
        @Schema(description = "trained: the epoch selected") Integer bestEpoch,
        @Schema(description = "trained: the metric asked for", allowableValues = {"GAUC", "AUC", "LOGLOSS"})
        String selectionMetric,
        @Schema(description = "trained: the metric that selected the epoch", allowableValues = {"GAUC", "AUC",
                "LOGLOSS"}) String selectedBy,
        @Schema(description = "trained: why selectedBy differs from selectionMetric") String selectionNote,
        @Schema(description = "trained: the id dropout trained with, per feature") Map<String, Double> idDropout,
        @Schema(description = "evaluate: AUC") Double auc,
        @Schema(description = "evaluate: GAUC") Double gauc,
        @Schema(description = "evaluate: log loss") Double logloss,
        @Schema(description = "evaluate: rows evaluated") Long samples,
        @Schema(description = "evaluate: clicks among them") Long positives,
        @Schema(description = "evaluate: the popularity baseline's figures") EvaluationMetrics.Baseline baseline,
        @Schema(description = "register: the model") String model,
        @Schema(description = "register: the registered version") Integer version,
        @Schema(description = "register: the bundle's SHA-256") String bundleSha256,
        @Schema(description = "register: what became of the promote alias") String alias) {
}
