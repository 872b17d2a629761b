package io.dinplatform.api.inference;

import java.util.List;

/**
 * An input or output a model declares.
 *
 * @param shape the size of each dimension, -1 where it varies (the batch, a history's length)
 */
public record TensorMetadata(String name, String datatype, List<Long> shape) {
}
