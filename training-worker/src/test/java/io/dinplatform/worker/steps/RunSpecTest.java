package io.dinplatform.worker.steps;

import io.dinplatform.core.model.ArchitectureConfig;
import io.dinplatform.core.train.OptimizerType;
import io.dinplatform.core.train.RegularizationConfig;
import io.dinplatform.core.train.SelectionMetric;
import io.dinplatform.core.train.TrainingConfig;
import io.dinplatform.registry.run.RunRequest;
import io.dinplatform.worker.lease.PermanentJobFailure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunSpecTest {

    /** A request with din-core's defaults, exactly as the API stored it before the document had a type. */
    private static final String STORED_BEFORE = """
            {"dataset": {"name": "movielens", "version": 1}, "model": "movielens-din",
             "architecture": {"type": "DIN", "embeddingDim": 18,
                              "attention": {"hiddenUnits": [80, 40], "activation": "DICE", "normalization": "NONE",
                                            "input": "OFFICIAL"},
                              "mlp": {"hiddenUnits": [200, 80], "activation": "DICE"},
                              "pooling": "SUM", "interestCandidateProduct": true},
             "training": {"epochs": 5, "batchSize": 256,
                          "optimizer": {"type": "ADAM", "learningRate": 0.001,
                                        "schedule": {"type": "CONSTANT", "rate": 1.0, "steps": 1},
                                        "beta1": 0.9, "beta2": 0.999, "epsilon": 1.0E-8},
                          "regularization": {"type": "MBA", "lambda": 0.01}, "clipNorm": 0.0, "seed": 42,
                          "device": "AUTO", "earlyStoppingPatience": 2, "evaluationBatchSize": 4096}}
            """;

    @Test
    void aStoredRequestReadsBackIntoDinCoresConfiguration() {
        RunSpec spec = RunSpec.of(RunRequest.fromJson(JsonMapper.shared().readTree(STORED_BEFORE)));

        assertThat(spec).isEqualTo(new RunSpec(ArchitectureConfig.defaults(), TrainingConfig.defaults()));
    }

    @Test
    void aStoredRequestWrittenBeforeTheSelectionMetricExistedSelectsByGauc() {
        RunSpec spec = RunSpec.of(RunRequest.fromJson(JsonMapper.shared().readTree(STORED_BEFORE)));

        assertThat(STORED_BEFORE).doesNotContain("selectionMetric");
        assertThat(spec.training().selectionMetric()).isEqualTo(SelectionMetric.GAUC);
    }

    @Test
    void theSelectionMetricIsStoredAndReadBack() {
        RunSpec spec = new RunSpec(ArchitectureConfig.defaults(),
                TrainingConfig.defaults().withSelectionMetric(SelectionMetric.LOGLOSS));
        RunRequest written = RunRequest.of(new RunRequest.Dataset("movielens", 1), "m", spec.architecture(),
                spec.training(), null);

        assertThat(written.toJson().path("training").path("selectionMetric").asString()).isEqualTo("LOGLOSS");
        assertThat(RunSpec.of(RunRequest.fromJson(written.toJson())).training().selectionMetric())
                .isEqualTo(SelectionMetric.LOGLOSS);
    }

    @Test
    void aStoredRequestWithoutTheDecouplingSettingGetsTheOptimizersDefault() {
        RunSpec spec = RunSpec.of(RunRequest.fromJson(JsonMapper.shared().readTree(STORED_BEFORE)));

        RegularizationConfig regularization = spec.training().regularization();
        assertThat(regularization.decoupled()).isNull();
        assertThat(regularization.isDecoupledFor(OptimizerType.ADAM)).isTrue();
    }

    @Test
    void aStoredDecouplingSettingReadsBack() {
        RunSpec spec = RunSpec.of(RunRequest.fromJson(JsonMapper.shared().readTree(STORED_BEFORE.replace(
                "\"lambda\": 0.01}", "\"lambda\": 0.01, \"decoupled\": false}"))));

        assertThat(spec.training().regularization().decoupled()).isFalse();
        assertThat(spec.training().regularization().isDecoupledFor(OptimizerType.ADAM)).isFalse();
    }

    @Test
    void aRequestWrittenFromDinCoresConfigurationReadsBackUnchanged() {
        RunSpec spec = new RunSpec(ArchitectureConfig.defaults(), TrainingConfig.defaults().withEpochs(3)
                .withRegularization(RegularizationConfig.mba(0.02f).withDecoupled(false)));
        RunRequest written = RunRequest.of(new RunRequest.Dataset("movielens", 1), "m", spec.architecture(),
                spec.training(), null);

        assertThat(RunSpec.of(RunRequest.fromJson(written.toJson()))).isEqualTo(spec);
    }

    @Test
    void aRequestDinCoreRefusesFailsTheRunForGood() {
        RunRequest refused = RunRequest.fromJson(JsonMapper.shared().readTree(
                STORED_BEFORE.replace("\"epochs\": 5", "\"epochs\": 0")));

        assertThatThrownBy(() -> RunSpec.of(refused))
                .isInstanceOf(PermanentJobFailure.class)
                .hasMessageContaining("'training' section is invalid")
                .hasMessageContaining("training.epochs must be between 1 and");
    }
}
