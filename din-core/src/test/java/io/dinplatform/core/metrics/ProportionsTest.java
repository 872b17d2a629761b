package io.dinplatform.core.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ProportionsTest {

    @Test
    void theNormalDistributionMatchesItsTables() {
        assertThat(Normal.cdf(0)).isCloseTo(0.5, within(1e-7));
        assertThat(Normal.cdf(Normal.Z_95)).isCloseTo(0.975, within(1e-6));
        assertThat(Normal.cdf(-1)).isCloseTo(0.158655254, within(1e-6));
        assertThat(Normal.cdf(Normal.Z_POWER_80)).isCloseTo(0.8, within(1e-6));
        assertThat(Normal.twoSidedPValue(-Normal.Z_95)).isCloseTo(0.05, within(1e-6));
    }

    @Test
    void wilsonIntervalIsNewcombesExample() {
        // Newcombe (1998), Statistics in Medicine 17, table I: 81 of 263
        ConfidenceInterval interval = Proportions.wilson(81, 263);

        assertThat(interval.low()).isCloseTo(0.2553, within(1e-4));
        assertThat(interval.high()).isCloseTo(0.3662, within(1e-4));
    }

    @Test
    void wilsonIntervalStaysInsideZeroAndOne() {
        assertThat(Proportions.wilson(0, 10).low()).isZero();
        assertThat(Proportions.wilson(10, 10).high()).isCloseTo(1.0, within(1e-12));
        assertThat(Proportions.wilson(0, 10).high()).isCloseTo(0.2775, within(1e-4)); // Newcombe, 0 of 10
        assertThat(Proportions.wilson(0, 0)).isEqualTo(new ConfidenceInterval(0, 1));
    }

    @Test
    void twoProportionTestByHand() {
        // 100 of 1,000 against 130 of 1,000: pooled p = 0.115, SE = sqrt(0.115 · 0.885 · 2 / 1000) = 0.0142670
        Proportions.Difference difference = Proportions.difference(100, 1000, 130, 1000);

        assertThat(difference.difference()).isCloseTo(0.03, within(1e-12));
        assertThat(difference.z()).isCloseTo(0.03 / 0.014267095, within(1e-5));
        assertThat(difference.pValue()).isCloseTo(0.03548, within(1e-4));
        double unpooled = Math.sqrt(0.1 * 0.9 / 1000 + 0.13 * 0.87 / 1000);
        assertThat(difference.interval().low()).isCloseTo(0.03 - 1.959964 * unpooled, within(1e-6));
        assertThat(difference.interval().high()).isCloseTo(0.03 + 1.959964 * unpooled, within(1e-6));
    }

    @Test
    void equalRatesShowNoDifference() {
        Proportions.Difference difference = Proportions.difference(50, 500, 100, 1000);

        assertThat(difference.z()).isZero();
        assertThat(difference.pValue()).isCloseTo(1.0, within(1e-7));
        assertThat(difference.interval().contains(0)).isTrue();
    }

    @Test
    void sampleSizeIsTheTextbooks() {
        // 10 % against 15 %, two-sided 5 %, 80 % power: 685.6 per arm (Fleiss, without continuity correction)
        assertThat(Proportions.trialsNeeded(0.10, 0.15, 0.5)).hasValue(1372);
        assertThat(Proportions.trialsNeeded(0.15, 0.10, 0.5)).hasValue(1372);
        assertThat(Proportions.trialsNeeded(0.10, 0.11, 0.5).getAsLong()).isGreaterThan(1372 * 20);
        assertThat(Proportions.trialsNeeded(0.1, 0.1, 0.5)).isEmpty();
    }

    @Test
    void anUnevenSplitNeedsMoreTrials() {
        long even = Proportions.trialsNeeded(0.10, 0.15, 0.5).getAsLong();
        long uneven = Proportions.trialsNeeded(0.10, 0.15, 0.9).getAsLong();

        // with pooled variances, a 90/10 split costs 1 / (4 · 0.9 · 0.1) = 2.78 times an even one, about
        assertThat((double) uneven / even).isBetween(2.5, 3.0);
    }
}
