package io.dinplatform.api.inference;

import java.util.List;

/**
 * A tensor of the Open Inference Protocol as either binding carries it: its elements flattened in row-major order.
 *
 * @param name     the input or output name (a feature of the model, {@code score}, {@code attention})
 * @param datatype the protocol's datatype name: {@code BYTES}, {@code FP32}, {@code INT64}...
 * @param shape    the size of each dimension
 * @param data     the elements: {@link String}s for BYTES, {@link Number}s for numeric datatypes
 */
public record InferenceTensor(String name, String datatype, List<Long> shape, List<?> data) {

    public static final String BYTES = "BYTES";
    public static final String FP32 = "FP32";

    public InferenceTensor {
        shape = List.copyOf(shape);
    }
}
