package io.dinplatform.core.model;

import io.dinplatform.core.nn.ActivationType;

import java.util.List;

/**
 * The MLP that turns the concatenated representation into a logit.
 *
 * @param hiddenUnits hidden layers; default [200, 80] (the paper)
 * @param activation  their activation; default DICE
 */
public record MlpConfig(List<Integer> hiddenUnits, ActivationType activation) {

    public static final List<Integer> DEFAULT_HIDDEN_UNITS = List.of(200, 80);

    public MlpConfig {
        hiddenUnits = hiddenUnits == null ? DEFAULT_HIDDEN_UNITS
                : ArchitectureConfig.positiveUnits("mlp.hiddenUnits", hiddenUnits);
        activation = activation == null ? ActivationType.DICE : activation;
    }

    public static MlpConfig defaults() {
        return new MlpConfig(null, null);
    }
}
