package io.dinplatform.docker;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.util.Utils;

/**
 * Loads DJL's PyTorch engine once while an image is built. The first use of the engine extracts its native libraries
 * (about 430 MB) into {@code DJL_CACHE_DIR}; doing it here puts them in an image layer, so a container's first
 * training run or prediction does not pay for it, and a container needs no write access to extract them.
 *
 * <p>The build fails when the engine cannot run an operation: an image that cannot train or serve is never built.
 */
public final class EngineWarmup {

    private EngineWarmup() {
    }

    public static void main(String[] args) {
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager manager = engine.newBaseManager()) {
            NDArray ones = manager.ones(new Shape(2, 3));
            float sum = ones.sum().getFloat();
            if (sum != 6f) {
                throw new IllegalStateException("the PyTorch engine summed six ones to " + sum
                        + ": its native library is broken");
            }
        }
        System.out.printf("PyTorch %s loaded by DJL %s; native libraries in %s; GPUs visible: %d%n",
                engine.getVersion(), Engine.getDjlVersion(), Utils.getEngineCacheDir("pytorch"),
                engine.getGpuCount());
    }
}
