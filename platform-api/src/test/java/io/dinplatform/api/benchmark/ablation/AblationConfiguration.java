package io.dinplatform.api.benchmark.ablation;

import io.dinplatform.core.model.ModelType;
import io.dinplatform.core.nn.ActivationType;
import io.dinplatform.core.train.RegularizationType;

/**
 * The configurations of the DIN paper's ablation (§6.6 to §6.8): the Embedding&amp;MLP base model and DIN, each
 * with PReLU and no regularization, then mini-batch aware regularization and Dice added. The first is the base that
 * RelaImpr is measured against.
 */
enum AblationConfiguration {

    BASE("Base", "Base (Embedding&MLP)", ModelType.BASE, ActivationType.PRELU, RegularizationType.NONE),
    BASE_MBA("Base + MBA", "Base + MBA", ModelType.BASE, ActivationType.PRELU, RegularizationType.MBA),
    DIN("DIN", "DIN", ModelType.DIN, ActivationType.PRELU, RegularizationType.NONE),
    DIN_DICE("DIN + Dice", "DIN with Dice", ModelType.DIN, ActivationType.DICE, RegularizationType.NONE),
    DIN_MBA_DICE("DIN + MBA + Dice", "DIN with MBA and Dice", ModelType.DIN, ActivationType.DICE,
            RegularizationType.MBA);

    private final String label;
    private final String description;
    private final ModelType type;
    private final ActivationType activation;
    private final RegularizationType regularization;

    AblationConfiguration(String label, String description, ModelType type, ActivationType activation,
                          RegularizationType regularization) {
        this.label = label;
        this.description = description;
        this.type = type;
        this.activation = activation;
        this.regularization = regularization;
    }

    /** The short name of the chart and the per-seed table. */
    String label() {
        return label;
    }

    /** The name in the result table. */
    String description() {
        return description;
    }

    ModelType type() {
        return type;
    }

    /** The activation of every hidden layer: the MLP's and, for DIN, the attention unit's. */
    ActivationType activation() {
        return activation;
    }

    RegularizationType regularization() {
        return regularization;
    }

    /** The base that RelaImpr is measured against. */
    static AblationConfiguration base() {
        return BASE;
    }
}
