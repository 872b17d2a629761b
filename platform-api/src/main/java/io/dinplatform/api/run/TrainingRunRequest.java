package io.dinplatform.api.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dinplatform.api.ResourceNames;
import io.dinplatform.core.device.DeviceChoice;
import io.dinplatform.core.model.ArchitectureConfig;
import io.dinplatform.core.model.AttentionConfig;
import io.dinplatform.core.model.AttentionInput;
import io.dinplatform.core.model.AttentionNormalization;
import io.dinplatform.core.model.MlpConfig;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.core.model.Pooling;
import io.dinplatform.core.nn.ActivationType;
import io.dinplatform.core.train.OptimizerConfig;
import io.dinplatform.core.train.OptimizerType;
import io.dinplatform.core.train.RegularizationConfig;
import io.dinplatform.core.train.RegularizationType;
import io.dinplatform.core.train.SelectionMetric;
import io.dinplatform.core.train.TrainingConfig;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/training-runs} (docs/architecture.md, 'The REST API'). A request names what it
 * needs and leaves the rest to defaults. The bounds here are the basic rules of each field; the platform's safety
 * limits (one request must not exhaust a worker) are settings, checked by {@link RunLimits}, and din-core checks the
 * model's own rules when the request is turned into its configuration.
 *
 * @param dataset      the dataset version to train on
 * @param model        the model to register the trained version under
 * @param architecture DIN or the base model and their layers; defaults as in the paper
 * @param training     epochs, batch size, optimizer, regularization, seed, device, the validation metric that
 *                     selects the best epoch (GAUC, AUC or LOGLOSS), and the id dropout per categorical feature
 *                     (checked against the dataset's schema when the run is queued)
 * @param promoteAlias an alias of the model (e.g. {@code production}) to move to the new version when it beats the
 *                     version the alias points at on the same test data, or points at none yet; optional
 */
@Schema(example = "{\"dataset\": {\"name\": \"movielens-100k\", \"version\": 1}, \"model\": "
        + "\"movielens-din\", \"architecture\": {\"type\": \"DIN\", \"embeddingDim\": 18}, "
        + "\"training\": {\"epochs\": 5, \"batchSize\": 256, \"regularization\": {\"type\": "
        + "\"MBA\", \"lambda\": 0.01}, \"seed\": 7}, \"promoteAlias\": \"production\"}")
public record TrainingRunRequest(
        @NotNull @Valid DatasetSelector dataset,
        @NotNull @Pattern(regexp = ResourceNames.NAME_REGEX, message = "must be a valid model name (1 to 128 letters, "
                + "digits, '.', '_' or '-', starting with a letter or digit)") String model,
        @Valid Architecture architecture,
        @Valid Training training,
        @Pattern(regexp = ResourceNames.ALIAS_REGEX, message = "must be a valid alias (1 to 64 lowercase letters, "
                + "digits, '_' or '-', starting with a letter)") String promoteAlias) {

    /**
     * The model's configuration in din-core's terms, every default filled in.
     *
     * @throws IllegalArgumentException naming a field that din-core refuses
     */
    public ArchitectureConfig architectureConfig() {
        return architectureOf(architecture);
    }

    /**
     * The training loop's configuration in din-core's terms, every default filled in: a missing field takes its
     * value from {@link TrainingConfig#defaults()}.
     *
     * @throws IllegalArgumentException naming a field that din-core refuses
     */
    public TrainingConfig trainingConfig() {
        return trainingOf(training);
    }

    private static ArchitectureConfig architectureOf(Architecture a) {
        if (a == null) {
            return ArchitectureConfig.defaults();
        }
        Attention at = a.attention();
        Mlp mlp = a.mlp();
        return new ArchitectureConfig(a.type(), a.embeddingDim(),
                at == null ? null : new AttentionConfig(units(at.hiddenUnits()), at.activation(), at.normalization(),
                        at.input()),
                mlp == null ? null : new MlpConfig(units(mlp.hiddenUnits()), mlp.activation()),
                a.pooling(), a.interestCandidateProduct());
    }

    private static TrainingConfig trainingOf(Training t) {
        TrainingConfig defaults = TrainingConfig.defaults();
        if (t == null) {
            return defaults;
        }
        return new TrainingConfig(t.epochs() == null ? defaults.epochs() : t.epochs(),
                t.batchSize() == null ? defaults.batchSize() : t.batchSize(),
                optimizer(t.optimizer(), defaults.optimizer()),
                regularization(t.regularization(), defaults.regularization()),
                t.clipNorm() == null ? defaults.clipNorm() : t.clipNorm().floatValue(),
                t.seed() == null ? defaults.seed() : t.seed(),
                t.device() == null ? defaults.device() : t.device(),
                t.earlyStoppingPatience() == null ? defaults.earlyStoppingPatience() : t.earlyStoppingPatience(),
                t.evaluationBatchSize() == null ? defaults.evaluationBatchSize() : t.evaluationBatchSize(),
                t.selectionMetric() == null ? defaults.selectionMetric() : t.selectionMetric(),
                idDropout(t.idDropout()));
    }

    /** Feature name to p as din-core takes it; null (none named) when the client sent none. */
    private static Map<String, Float> idDropout(Map<String, Double> perFeature) {
        if (perFeature == null) {
            return null;
        }
        Map<String, Float> probabilities = new LinkedHashMap<>();
        perFeature.forEach((feature, p) -> probabilities.put(feature, p.floatValue()));
        return probabilities;
    }

    private static OptimizerConfig optimizer(Optimizer o, OptimizerConfig defaults) {
        if (o == null) {
            return defaults;
        }
        OptimizerType type = o.type() == null ? defaults.type() : o.type();
        float rate = o.learningRate() == null ? defaults.learningRate() : o.learningRate().floatValue();
        return OptimizerConfig.of(type, rate);
    }

    private static RegularizationConfig regularization(Regularization r, RegularizationConfig defaults) {
        if (r == null) {
            return defaults;
        }
        return new RegularizationConfig(r.type() == null ? defaults.type() : r.type(),
                r.lambda() == null ? defaults.lambda() : r.lambda().floatValue(),
                r.decoupled() == null ? defaults.decoupled() : r.decoupled());
    }

    private static List<Integer> units(List<Integer> units) {
        return units == null ? null : List.copyOf(units);
    }

    /** A dataset version; a missing version means the newest, resolved (and recorded) when the run is queued. */
    public record DatasetSelector(@NotNull @Pattern(regexp = ResourceNames.NAME_REGEX, message = "must be a valid "
            + "dataset name (1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit)") String name,
                                  @Min(1) Integer version) {
    }

    public record Architecture(ModelType type,
                               @Min(1) Integer embeddingDim,
                               @Valid Attention attention,
                               @Valid Mlp mlp,
                               Pooling pooling,
                               Boolean interestCandidateProduct) {
    }

    public record Attention(@Size(min = 1) List<@NotNull @Min(1) Integer> hiddenUnits,
                            ActivationType activation,
                            AttentionNormalization normalization,
                            AttentionInput input) {
    }

    public record Mlp(@Size(min = 1) List<@NotNull @Min(1) Integer> hiddenUnits,
                      ActivationType activation) {
    }

    public record Training(@Min(1) Integer epochs,
                           @Min(1) Integer batchSize,
                           @Valid Optimizer optimizer,
                           @Valid Regularization regularization,
                           @DecimalMin("0") @DecimalMax("1000") Double clipNorm,
                           Long seed,
                           DeviceChoice device,
                           @Min(0) @Max(1000) Integer earlyStoppingPatience,
                           @Min(1) Integer evaluationBatchSize,
                           SelectionMetric selectionMetric,
                           Map<String, @NotNull @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double>
                                   idDropout) {
    }

    public record Optimizer(OptimizerType type,
                            @DecimalMin(value = "0", inclusive = false) @DecimalMax("10") Double learningRate) {
    }

    /** {@code decoupled}: absent means din-core's default for the optimizer (see {@link RegularizationConfig}). */
    public record Regularization(RegularizationType type, @DecimalMin("0") @DecimalMax("100") Double lambda,
                                 Boolean decoupled) {
    }
}
