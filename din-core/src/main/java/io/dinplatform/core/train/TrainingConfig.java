package io.dinplatform.core.train;

import io.dinplatform.core.device.DeviceChoice;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code training} section of a run request (docs/architecture.md, 'The REST API'), validated on construction;
 * the error names the field and the allowed range.
 *
 * @param epochs                 passes over the training split (1 to 10,000)
 * @param batchSize              rows per mini-batch (1 to 65,536)
 * @param optimizer              update rule and learning rate
 * @param regularization         the penalty on the embedding tables
 * @param clipNorm               the largest global gradient norm; 0 turns clipping off
 * @param seed                   initialisation and shuffling seed
 * @param device                 AUTO, CPU or GPU; null means AUTO
 * @param earlyStoppingPatience  epochs without a better validation metric (the selection metric) before training
 *                               stops; 0 turns it off
 * @param evaluationBatchSize    rows per inference batch on the validation and test splits (1 to 65,536)
 * @param selectionMetric        the validation metric that picks the best epoch and drives early stopping; null
 *                               means {@link #DEFAULT_SELECTION_METRIC} (GAUC), so that a stored configuration
 *                               written before the field existed reads with the default
 * @param idDropout              per categorical feature, the probability that a training id is replaced by the
 *                               unknown index (0 to below 1); a feature not named takes its schema's
 *                               {@code idDropout}, else the default of {@link IdDropout}; null means none named
 */
public record TrainingConfig(int epochs, int batchSize, OptimizerConfig optimizer,
                             RegularizationConfig regularization, float clipNorm, long seed, DeviceChoice device,
                             int earlyStoppingPatience, int evaluationBatchSize, SelectionMetric selectionMetric,
                             Map<String, Float> idDropout) {

    public static final int MAX_BATCH_SIZE = 65_536;
    public static final int MAX_EPOCHS = 10_000;
    public static final int DEFAULT_EPOCHS = 5;
    public static final long DEFAULT_SEED = 42;
    public static final SelectionMetric DEFAULT_SELECTION_METRIC = SelectionMetric.GAUC;

    public TrainingConfig {
        require(epochs >= 1 && epochs <= MAX_EPOCHS, "training.epochs must be between 1 and " + MAX_EPOCHS, epochs);
        require(batchSize >= 1 && batchSize <= MAX_BATCH_SIZE,
                "training.batchSize must be between 1 and " + MAX_BATCH_SIZE, batchSize);
        if (optimizer == null) {
            throw new IllegalArgumentException("training.optimizer is required");
        }
        regularization = regularization == null ? RegularizationConfig.NONE : regularization;
        require(clipNorm >= 0f && !Float.isInfinite(clipNorm), "training.clipNorm must be zero (off) or positive",
                clipNorm);
        device = device == null ? DeviceChoice.AUTO : device;
        require(earlyStoppingPatience >= 0, "training.earlyStoppingPatience must be zero (off) or positive",
                earlyStoppingPatience);
        require(evaluationBatchSize >= 1 && evaluationBatchSize <= MAX_BATCH_SIZE,
                "training.evaluationBatchSize must be between 1 and " + MAX_BATCH_SIZE, evaluationBatchSize);
        selectionMetric = selectionMetric == null ? DEFAULT_SELECTION_METRIC : selectionMetric;
        idDropout = idDropout == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(idDropout));
        idDropout.forEach((feature, p) -> {
            if (p == null || !(p >= 0f && p < 1f)) {
                throw new IllegalArgumentException("training.idDropout." + feature
                        + " must be at least 0 and below 1, got " + p);
            }
        });
    }

    /** A configuration that names no id dropout: every feature takes its schema's, else the default. */
    public TrainingConfig(int epochs, int batchSize, OptimizerConfig optimizer, RegularizationConfig regularization,
                          float clipNorm, long seed, DeviceChoice device, int earlyStoppingPatience,
                          int evaluationBatchSize, SelectionMetric selectionMetric) {
        this(epochs, batchSize, optimizer, regularization, clipNorm, seed, device, earlyStoppingPatience,
                evaluationBatchSize, selectionMetric, null);
    }

    /** {@link #defaults(int, long)} for {@value #DEFAULT_EPOCHS} epochs with seed {@value #DEFAULT_SEED}. */
    public static TrainingConfig defaults() {
        return defaults(DEFAULT_EPOCHS, DEFAULT_SEED);
    }

    /**
     * Adam at 0.001, MBA with λ = 0.01, batch 256, no clipping, patience 2, epochs selected by validation GAUC: a
     * sound start for CTR data.
     */
    public static TrainingConfig defaults(int epochs, long seed) {
        return new TrainingConfig(epochs, 256, OptimizerConfig.adam(0.001f), RegularizationConfig.mba(0.01f), 0f,
                seed, DeviceChoice.AUTO, 2, 4096, DEFAULT_SELECTION_METRIC);
    }

    public TrainingConfig withOptimizer(OptimizerConfig newOptimizer) {
        return new TrainingConfig(epochs, batchSize, newOptimizer, regularization, clipNorm, seed, device,
                earlyStoppingPatience, evaluationBatchSize, selectionMetric, idDropout);
    }

    public TrainingConfig withRegularization(RegularizationConfig newRegularization) {
        return new TrainingConfig(epochs, batchSize, optimizer, newRegularization, clipNorm, seed, device,
                earlyStoppingPatience, evaluationBatchSize, selectionMetric, idDropout);
    }

    public TrainingConfig withEpochs(int newEpochs) {
        return new TrainingConfig(newEpochs, batchSize, optimizer, regularization, clipNorm, seed, device,
                earlyStoppingPatience, evaluationBatchSize, selectionMetric, idDropout);
    }

    public TrainingConfig withBatchSize(int newBatchSize) {
        return new TrainingConfig(epochs, newBatchSize, optimizer, regularization, clipNorm, seed, device,
                earlyStoppingPatience, evaluationBatchSize, selectionMetric, idDropout);
    }

    public TrainingConfig withClipNorm(float newClipNorm) {
        return new TrainingConfig(epochs, batchSize, optimizer, regularization, newClipNorm, seed, device,
                earlyStoppingPatience, evaluationBatchSize, selectionMetric, idDropout);
    }

    public TrainingConfig withEarlyStoppingPatience(int patience) {
        return new TrainingConfig(epochs, batchSize, optimizer, regularization, clipNorm, seed, device, patience,
                evaluationBatchSize, selectionMetric, idDropout);
    }

    public TrainingConfig withIdDropout(Map<String, Float> newIdDropout) {
        return new TrainingConfig(epochs, batchSize, optimizer, regularization, clipNorm, seed, device,
                earlyStoppingPatience, evaluationBatchSize, selectionMetric, newIdDropout);
    }

    public TrainingConfig withSelectionMetric(SelectionMetric metric) {
        return new TrainingConfig(epochs, batchSize, optimizer, regularization, clipNorm, seed, device,
                earlyStoppingPatience, evaluationBatchSize, metric, idDropout);
    }

    private static void require(boolean condition, String message, Number value) {
        if (!condition) {
            throw new IllegalArgumentException(message + ", got " + value);
        }
    }
}
