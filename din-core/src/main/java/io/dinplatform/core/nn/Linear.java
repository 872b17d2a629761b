package io.dinplatform.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * A fully connected layer {@code y = x·W + b} over the last axis, for (B, in) and (B, T, in) inputs alike.
 * W is (in, out) with Glorot-uniform initialisation, b is (out) with zeros.
 */
public final class Linear {

    private final NDArray weight;
    private final NDArray bias;

    public Linear(ParameterStore store, String name, int inputs, int outputs) {
        this.weight = store.glorotUniform(name + ".weight", inputs, outputs);
        this.bias = store.constant(name + ".bias", new Shape(outputs), 0.0);
    }

    public NDArray forward(NDArray input) {
        // The bias is added in place to the product, a fresh array: the same values as add, one allocation fewer,
        // and safe under autograd (the product's backward needs its inputs, not its output).
        return input.matMul(weight).addi(bias);
    }

    /** (in, out), live: layers that split the input (the activation unit's first layer) slice it per call. */
    public NDArray weight() {
        return weight;
    }

    public NDArray bias() {
        return bias;
    }

    public long inputs() {
        return weight.getShape().get(0);
    }

    public long outputs() {
        return weight.getShape().get(1);
    }
}
