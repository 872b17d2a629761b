package io.dinplatform.core.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class OtherMetricsTest {

    @Test
    void logLossIsTheMeanCrossEntropy() {
        assertThat(LogLoss.of(new float[] {0.9f, 0.2f}, new float[] {1, 0}))
                .isCloseTo(-(Math.log(0.9f) + Math.log(1 - (double) 0.2f)) / 2, within(1e-9));
    }

    @Test
    void logLossClipsCertainMistakes() {
        assertThat(LogLoss.of(new float[] {0f, 1f}, new float[] {1, 0})).isCloseTo(-Math.log(1e-7), within(1e-6));
        assertThat(LogLoss.of(new float[] {1f, 0f}, new float[] {1, 0})).isCloseTo(-Math.log1p(-1e-7), within(1e-12));
    }

    @Test
    void logLossRejectsAProbabilityOutsideTheUnitInterval() {
        assertThatThrownBy(() -> LogLoss.of(new float[] {0.5f, 1.5f}, new float[] {1, 0}))
                .hasMessage("probability of row 1 is 1.5, outside [0, 1]");
    }

    @Test
    void relaImprFollowsThePaper() {
        assertThat(RelaImpr.of(0.75, 0.7)).isCloseTo(25.0, within(1e-9));
        assertThat(RelaImpr.of(0.7, 0.7)).isZero();
        assertThat(RelaImpr.of(0.65, 0.7)).isCloseTo(-25.0, within(1e-9));
        assertThatThrownBy(() -> RelaImpr.of(0.7, 0.5)).hasMessageContaining("base AUC above 0.5");
    }

    @Test
    void evaluationMetricsGatherEverything() {
        float[] p = {0.1f, 0.4f, 0.35f, 0.8f};
        float[] y = {0, 0, 1, 1};
        EvaluationMetrics m = EvaluationMetrics.of(p, y, new int[] {0, 0, 0, 0});
        assertThat(m.auc()).isEqualTo(0.75);
        assertThat(m.gauc()).isEqualTo(0.75);
        assertThat(m.logLoss()).isCloseTo(LogLoss.of(p, y), within(0.0));
        assertThat(m.samples()).isEqualTo(4);
        assertThat(m.positives()).isEqualTo(2);
    }

    @Test
    void relaImprIsOnGaucWithTheAucFormBesideIt() {
        // The README's MovieLens 100K test figures: DIN AUC 0.7220, GAUC 0.7229; base AUC 0.7110, GAUC 0.7058.
        EvaluationMetrics din = new EvaluationMetrics(0.7220, 0.7229, 0.5, 100, 50);
        EvaluationMetrics base = new EvaluationMetrics(0.7110, 0.7058, 0.5, 100, 50);
        // (0.2229 / 0.2058 − 1) · 100 = 8.309 %; (0.2220 / 0.2110 − 1) · 100 = 5.213 %
        assertThat(din.relaImprGaucOver(base)).isCloseTo(8.309, within(1e-3));
        assertThat(din.relaImprAucOver(base)).isCloseTo(5.213, within(1e-3));
        EvaluationMetrics noGauc = new EvaluationMetrics(0.7110, Double.NaN, 0.5, 100, 50);
        assertThatThrownBy(() -> din.relaImprGaucOver(noGauc)).hasMessageContaining("base AUC above 0.5");
    }
}
