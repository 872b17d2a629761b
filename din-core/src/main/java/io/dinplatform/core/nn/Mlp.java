package io.dinplatform.core.nn;

import ai.djl.ndarray.NDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A multi-layer perceptron: hidden layers of {@code Linear → activation}, then optionally a final linear layer with
 * no activation (the logit of the model, or the attention weight of the activation unit).
 *
 * <p>Layers are named {@code <name>.hidden<i>} and {@code <name>.output}.
 */
public final class Mlp {

    private final List<Linear> hidden = new ArrayList<>();
    private final List<Activation> activations = new ArrayList<>();
    private final Linear output;

    /**
     * @param inputs      width of the input's last axis
     * @param hiddenUnits widths of the hidden layers, e.g. [200, 80]
     * @param activation  the activation after every hidden layer
     * @param outputs     width of the final linear layer, or 0 for none (the last hidden layer's output is returned)
     */
    public Mlp(ParameterStore store, String name, int inputs, List<Integer> hiddenUnits, ActivationType activation,
               int outputs) {
        int width = inputs;
        for (int i = 0; i < hiddenUnits.size(); i++) {
            int units = hiddenUnits.get(i);
            if (units <= 0) {
                throw new IllegalArgumentException(name + ": hidden layer " + i + " must have at least one unit, not "
                        + units);
            }
            String layer = name + ".hidden" + i;
            hidden.add(new Linear(store, layer, width, units));
            activations.add(activation.create(store, layer + "." + activation.name().toLowerCase(Locale.ROOT), units));
            width = units;
        }
        this.output = outputs > 0 ? new Linear(store, name + ".output", width, outputs) : null;
    }

    /**
     * @param input    (B, in) or (B, T, in)
     * @param mask     for 3-D inputs, (B, T) real positions (kept out of batch statistics), else null
     * @param training a training step
     */
    public NDArray forward(NDArray input, NDArray mask, boolean training) {
        return finish(forwardHidden(input, mask, training, 0));
    }

    /**
     * Continues from the pre-activation of the first hidden layer, computed by the caller (the activation unit
     * computes its first layer in parts).
     */
    public NDArray forwardFromFirstPreActivation(NDArray firstPreActivation, NDArray mask, boolean training) {
        if (hidden.isEmpty()) {
            return firstPreActivation; // the first layer was the output layer
        }
        NDArray x = activations.get(0).apply(firstPreActivation, mask, training);
        return finish(forwardHidden(x, mask, training, 1));
    }

    public Linear firstLayer() {
        return hidden.isEmpty() ? output : hidden.get(0);
    }

    public int hiddenLayers() {
        return hidden.size();
    }

    private NDArray forwardHidden(NDArray input, NDArray mask, boolean training, int from) {
        NDArray x = input;
        for (int i = from; i < hidden.size(); i++) {
            x = activations.get(i).apply(hidden.get(i).forward(x), mask, training);
        }
        return x;
    }

    private NDArray finish(NDArray x) {
        return output == null ? x : output.forward(x);
    }
}
