package io.dinplatform.api.run;

import java.util.List;

import io.dinplatform.core.model.ArchitectureConfig;
import io.dinplatform.core.model.AttentionConfig;
import io.dinplatform.core.model.MlpConfig;
import io.dinplatform.core.train.OptimizerConfig;
import io.dinplatform.core.train.OptimizerType;
import io.dinplatform.core.train.RegularizationConfig;
import io.dinplatform.core.train.TrainingConfig;

/**
 * A run request turned into din-core's configuration, every default filled in: what is stored with the run, so
 * that the worker, the registry's parameters and a later reader all see exactly what was trained.
 *
 * @param architecture the model
 * @param training     the training loop
 */
public record RunConfiguration(ArchitectureConfig architecture, TrainingConfig training) {

    public static final int DEFAULT_EPOCHS = 5;
    public static final long DEFAULT_SEED = 42;

    /** Applies the defaults; din-core's constructors throw IllegalArgumentException naming a field they refuse. */
    static RunConfiguration from(TrainingRunRequest request) {
        return new RunConfiguration(architecture(request.architecture()), training(request.training()));
    }

    private static ArchitectureConfig architecture(TrainingRunRequest.Architecture a) {
        if (a == null) {
            return ArchitectureConfig.defaults();
        }
        TrainingRunRequest.Attention at = a.attention();
        TrainingRunRequest.Mlp mlp = a.mlp();
        return new ArchitectureConfig(a.type(), a.embeddingDim(),
                at == null ? null : new AttentionConfig(units(at.hiddenUnits()), at.activation(), at.normalization(),
                        at.input()),
                mlp == null ? null : new MlpConfig(units(mlp.hiddenUnits()), mlp.activation()),
                a.pooling(), a.interestCandidateProduct());
    }

    private static TrainingConfig training(TrainingRunRequest.Training t) {
        long seed = t == null || t.seed() == null ? DEFAULT_SEED : t.seed();
        int epochs = t == null || t.epochs() == null ? DEFAULT_EPOCHS : t.epochs();
        TrainingConfig defaults = TrainingConfig.defaults(epochs, seed);
        if (t == null) {
            return defaults;
        }
        return new TrainingConfig(epochs,
                t.batchSize() == null ? defaults.batchSize() : t.batchSize(),
                optimizer(t.optimizer(), defaults.optimizer()),
                regularization(t.regularization(), defaults.regularization()),
                t.clipNorm() == null ? defaults.clipNorm() : t.clipNorm().floatValue(),
                seed,
                t.device() == null ? defaults.device() : t.device(),
                t.earlyStoppingPatience() == null ? defaults.earlyStoppingPatience() : t.earlyStoppingPatience(),
                t.evaluationBatchSize() == null ? defaults.evaluationBatchSize() : t.evaluationBatchSize());
    }

    private static OptimizerConfig optimizer(TrainingRunRequest.Optimizer o, OptimizerConfig defaults) {
        if (o == null) {
            return defaults;
        }
        OptimizerType type = o.type() == null ? defaults.type() : o.type();
        float rate = o.learningRate() == null ? defaults.learningRate() : o.learningRate().floatValue();
        return OptimizerConfig.of(type, rate);
    }

    private static RegularizationConfig regularization(TrainingRunRequest.Regularization r,
                                                       RegularizationConfig defaults) {
        if (r == null) {
            return defaults;
        }
        return new RegularizationConfig(r.type() == null ? defaults.type() : r.type(),
                r.lambda() == null ? defaults.lambda() : r.lambda().floatValue());
    }

    private static List<Integer> units(List<Integer> units) {
        return units == null ? null : List.copyOf(units);
    }
}
