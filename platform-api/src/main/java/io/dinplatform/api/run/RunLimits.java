package io.dinplatform.api.run;

import java.util.ArrayList;
import java.util.List;

import io.dinplatform.api.error.FieldError;
import io.dinplatform.api.error.InvalidRequestException;
import io.dinplatform.core.model.ArchitectureConfig;
import io.dinplatform.core.train.TrainingConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The safe ranges of a run's parameters ({@code din.runs.*}): one request must not be able to tie up a worker for
 * days or ask it for more memory than it has. They are checked on the run's effective configuration (defaults
 * filled in), so they hold whatever a request leaves out.
 *
 * @param maxEpochs         the most epochs
 * @param maxBatchSize      the largest training (and evaluation) mini-batch
 * @param maxEmbeddingDim   the largest embedding size
 * @param maxHiddenUnits    the widest hidden layer of the attention unit or the MLP
 * @param maxHiddenLayers   the most hidden layers of the attention unit or the MLP
 */
@ConfigurationProperties("din.runs")
public record RunLimits(
        @DefaultValue("1000") int maxEpochs,
        @DefaultValue("65536") int maxBatchSize,
        @DefaultValue("256") int maxEmbeddingDim,
        @DefaultValue("4096") int maxHiddenUnits,
        @DefaultValue("8") int maxHiddenLayers) {

    public RunLimits {
        if (maxEpochs < 1 || maxBatchSize < 1 || maxEmbeddingDim < 1 || maxHiddenUnits < 1 || maxHiddenLayers < 1) {
            throw new IllegalArgumentException("din.runs.max-* settings must be positive");
        }
    }

    /**
     * Checks the values a request gives, before din-core sees them (whose own, wider bounds would answer first and
     * less precisely); throws a 400 naming every parameter out of range and the setting that bounds it.
     */
    void check(TrainingRunRequest request) {
        TrainingRunRequest.Training t = request.training();
        TrainingRunRequest.Architecture a = request.architecture();
        check(t == null ? null : t.epochs(), t == null ? null : t.batchSize(),
                t == null ? null : t.evaluationBatchSize(), a == null ? null : a.embeddingDim(),
                a == null || a.attention() == null ? null : a.attention().hiddenUnits(),
                a == null || a.mlp() == null ? null : a.mlp().hiddenUnits());
    }

    /** Checks the effective configuration, defaults included (a setting may be lower than a default). */
    void check(ArchitectureConfig architecture, TrainingConfig training) {
        check(training.epochs(), training.batchSize(), training.evaluationBatchSize(), architecture.embeddingDim(),
                architecture.attention().hiddenUnits(), architecture.mlp().hiddenUnits());
    }

    private void check(Integer epochs, Integer batchSize, Integer evaluationBatchSize, Integer embeddingDim,
                       List<Integer> attentionUnits, List<Integer> mlpUnits) {
        List<FieldError> errors = new ArrayList<>();
        atMost(errors, "training.epochs", epochs, maxEpochs, "max-epochs");
        atMost(errors, "training.batchSize", batchSize, maxBatchSize, "max-batch-size");
        atMost(errors, "training.evaluationBatchSize", evaluationBatchSize, maxBatchSize, "max-batch-size");
        atMost(errors, "architecture.embeddingDim", embeddingDim, maxEmbeddingDim, "max-embedding-dim");
        layers(errors, "architecture.attention.hiddenUnits", attentionUnits);
        layers(errors, "architecture.mlp.hiddenUnits", mlpUnits);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors.stream().map(e -> e.field() + ": " + e.reason())
                    .reduce((a, b) -> a + "; " + b).orElseThrow(), errors);
        }
    }

    private void layers(List<FieldError> errors, String field, List<Integer> units) {
        if (units == null) {
            return;
        }
        atMost(errors, field, units.size(), maxHiddenLayers, "max-hidden-layers");
        for (int i = 0; i < units.size(); i++) {
            atMost(errors, field + "[" + i + "]", units.get(i), maxHiddenUnits, "max-hidden-units");
        }
    }

    private static void atMost(List<FieldError> errors, String field, Integer value, int limit, String setting) {
        if (value != null && value > limit) {
            errors.add(new FieldError(field, "must be at most " + limit + " (setting din.runs." + setting + "), got "
                    + value));
        }
    }
}
