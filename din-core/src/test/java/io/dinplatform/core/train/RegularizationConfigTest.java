package io.dinplatform.core.train;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegularizationConfigTest {

    @Test
    void byDefaultMbaIsDecoupledFromAdamAndAdagradAndSgdKeepsThePapersUpdate() {
        RegularizationConfig unset = RegularizationConfig.mba(0.01f);

        assertThat(unset.decoupled()).isNull();
        assertThat(unset.isDecoupledFor(OptimizerType.ADAM)).isTrue();
        assertThat(unset.isDecoupledFor(OptimizerType.ADAGRAD)).isTrue();
        assertThat(unset.isDecoupledFor(OptimizerType.SGD)).isFalse();
    }

    @Test
    void anExplicitSettingWinsForTheAdaptiveRulesAndNeverAppliesToSgd() {
        RegularizationConfig coupled = RegularizationConfig.mba(0.01f).withDecoupled(false);
        RegularizationConfig decoupled = RegularizationConfig.mba(0.01f).withDecoupled(true);

        assertThat(coupled.isDecoupledFor(OptimizerType.ADAM)).isFalse();
        assertThat(coupled.isDecoupledFor(OptimizerType.ADAGRAD)).isFalse();
        assertThat(decoupled.isDecoupledFor(OptimizerType.ADAM)).isTrue();
        assertThat(decoupled.isDecoupledFor(OptimizerType.SGD)).isFalse();
        assertThat(decoupled.withDecoupled(null)).isEqualTo(RegularizationConfig.mba(0.01f));
    }
}
