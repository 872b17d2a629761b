package io.dinplatform.api.serving.cache;

import java.util.Collection;
import java.util.stream.Stream;

import ai.djl.ndarray.NDArray;
import io.dinplatform.core.bundle.ModelBundle;

/**
 * The memory a loaded model holds: its embedding tables, parameters and state arrays. Vocabularies and per-batch
 * scratch memory are left out; the tables dominate any real model by orders of magnitude.
 */
final class ModelFootprint {

    private ModelFootprint() {
    }

    static long bytes(ModelBundle bundle) {
        return Stream.of(bundle.tables().tables().values(), bundle.model().parameters().parameters().values(),
                        bundle.model().parameters().state().values())
                .flatMap(Collection::stream)
                .mapToLong(ModelFootprint::bytes)
                .sum();
    }

    private static long bytes(NDArray array) {
        return array.size() * array.getDataType().getNumOfBytes();
    }
}
