package io.dinplatform.worker.steps;

import io.dinplatform.core.metrics.EvaluationMetrics;
import io.dinplatform.core.train.SelectionMetric;
import io.dinplatform.core.train.TrainingResult;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class TrainingSummaryTest {

    @Test
    void theSummaryNamesTheMetricThatSelectedTheEpoch() {
        EvaluationMetrics validation = new EvaluationMetrics(0.71, 0.69, 0.45, 100, 30);
        TrainingResult result = new TrainingResult(TrainingResult.Status.COMPLETED, 3, 30, 2, validation,
                SelectionMetric.GAUC);

        ObjectNode summary = TrainTasklet.summary(result, SelectionMetric.GAUC);

        assertThat(summary.path("selectionMetric").asString()).isEqualTo("GAUC");
        assertThat(summary.path("selectedBy").asString()).isEqualTo("GAUC");
        assertThat(summary.has("selectionNote")).isFalse();
    }

    @Test
    void aFallbackFromGaucToAucIsSaidInTheSummary() {
        EvaluationMetrics validation = new EvaluationMetrics(0.71, Double.NaN, 0.45, 100, 30);
        TrainingResult result = new TrainingResult(TrainingResult.Status.COMPLETED, 3, 30, 2, validation,
                SelectionMetric.GAUC.effectiveOn(validation));

        ObjectNode summary = TrainTasklet.summary(result, SelectionMetric.GAUC);

        assertThat(summary.path("selectionMetric").asString()).isEqualTo("GAUC");
        assertThat(summary.path("selectedBy").asString()).isEqualTo("AUC");
        assertThat(summary.path("selectionNote").asString()).contains("GAUC is undefined on the validation split");
        assertThat(summary.path("validation").path("gauc").isNull()).isTrue();
    }
}
