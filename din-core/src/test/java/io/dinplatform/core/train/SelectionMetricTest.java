package io.dinplatform.core.train;

import io.dinplatform.core.metrics.EvaluationMetrics;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Selection on recorded validation metrics where AUC, GAUC and log loss each rank a different epoch first. */
class SelectionMetricTest {

    /** Epoch 1 is best on log loss, epoch 2 on GAUC, epoch 3 on AUC. */
    private static final List<EvaluationMetrics> EPOCHS = List.of(
            new EvaluationMetrics(0.70, 0.66, 0.40, 100, 30),
            new EvaluationMetrics(0.71, 0.69, 0.45, 100, 30),
            new EvaluationMetrics(0.72, 0.67, 0.50, 100, 30));

    @Test
    void eachMetricPicksTheEpochItRanksBest() {
        assertThat(bestEpoch(SelectionMetric.GAUC, EPOCHS)).isEqualTo(2);
        assertThat(bestEpoch(SelectionMetric.AUC, EPOCHS)).isEqualTo(3);
        assertThat(bestEpoch(SelectionMetric.LOGLOSS, EPOCHS)).isEqualTo(1);
    }

    @Test
    void aTieKeepsTheEarlierEpoch() {
        EvaluationMetrics same = EPOCHS.get(1);
        for (SelectionMetric metric : SelectionMetric.values()) {
            assertThat(metric.improves(same, same)).as(metric.name()).isFalse();
        }
    }

    @Test
    void gaucFallsBackToAucWhenNoValidationGroupHasBothClasses() {
        List<EvaluationMetrics> noGauc = EPOCHS.stream()
                .map(m -> new EvaluationMetrics(m.auc(), Double.NaN, m.logLoss(), m.samples(), m.positives()))
                .toList();
        assertThat(bestEpoch(SelectionMetric.GAUC, noGauc)).isEqualTo(3);
        assertThat(SelectionMetric.GAUC.effectiveOn(noGauc.get(0))).isEqualTo(SelectionMetric.AUC);
        assertThat(SelectionMetric.GAUC.effectiveOn(EPOCHS.get(0))).isEqualTo(SelectionMetric.GAUC);
        assertThat(SelectionMetric.LOGLOSS.effectiveOn(noGauc.get(0))).isEqualTo(SelectionMetric.LOGLOSS);
    }

    @Test
    void gaucIsTheDefault() {
        assertThat(TrainingConfig.defaults().selectionMetric()).isEqualTo(SelectionMetric.GAUC);
        TrainingConfig unset = new TrainingConfig(1, 32, OptimizerConfig.adam(0.01f), null, 0f, 1, null, 0, 64, null);
        assertThat(unset.selectionMetric()).isEqualTo(SelectionMetric.GAUC);
    }

    /** The 1-based epoch the trainer's rule keeps: the first that no later epoch improves on. */
    private static int bestEpoch(SelectionMetric metric, List<EvaluationMetrics> epochs) {
        int best = 0;
        for (int e = 1; e < epochs.size(); e++) {
            if (metric.improves(epochs.get(e), epochs.get(best))) {
                best = e;
            }
        }
        return best + 1;
    }
}
