package io.dinplatform.core.model;

import io.dinplatform.core.nn.ActivationType;

import java.util.List;

/**
 * The local activation unit of DIN. Omitted fields take the paper's values.
 *
 * @param hiddenUnits   hidden layers of the unit's MLP; default [80, 40]
 * @param activation    their activation; default DICE
 * @param normalization default NONE (the paper); SOFTMAX as the official demo
 * @param input         default OFFICIAL ([q, k, q−k, q·k])
 */
public record AttentionConfig(List<Integer> hiddenUnits, ActivationType activation,
                              AttentionNormalization normalization, AttentionInput input) {

    public static final List<Integer> DEFAULT_HIDDEN_UNITS = List.of(80, 40);

    public AttentionConfig {
        hiddenUnits = hiddenUnits == null ? DEFAULT_HIDDEN_UNITS
                : ArchitectureConfig.positiveUnits("attention.hiddenUnits", hiddenUnits);
        activation = activation == null ? ActivationType.DICE : activation;
        normalization = normalization == null ? AttentionNormalization.NONE : normalization;
        input = input == null ? AttentionInput.OFFICIAL : input;
    }

    public static AttentionConfig defaults() {
        return new AttentionConfig(null, null, null, null);
    }
}
