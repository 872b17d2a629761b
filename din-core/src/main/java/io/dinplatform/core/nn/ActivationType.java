package io.dinplatform.core.nn;

/** The activations the models offer, by the names a run request uses. */
public enum ActivationType {
    /** Data adaptive activation (the DIN paper, §4.3): a PReLU whose rectifier point follows the data. */
    DICE,
    /** Parametric ReLU: Dice with E[s] = 0 and Var[s] = 0. */
    PRELU,
    SIGMOID,
    RELU;

    /**
     * Builds the activation for {@code channels} channels, registering its parameters and state under {@code name}.
     */
    public Activation create(ParameterStore store, String name, int channels) {
        // ai.djl.nn.Activation holds DJL's stateless functions; our Activation is the layer interface.
        return switch (this) {
            case DICE -> new Dice(store, name, channels);
            case PRELU -> new ParametricRelu(store, name, channels);
            case SIGMOID -> (input, mask, training) -> ai.djl.nn.Activation.sigmoid(input);
            case RELU -> (input, mask, training) -> ai.djl.nn.Activation.relu(input);
        };
    }
}
