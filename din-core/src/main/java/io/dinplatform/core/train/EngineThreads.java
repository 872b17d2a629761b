package io.dinplatform.core.train;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The PyTorch engine's intra-op thread count: process-wide, so set it once before training. A run is bit-for-bit
 * reproducible on the CPU for a fixed count (reductions split work by thread); the count itself is free.
 */
public final class EngineThreads {

    private EngineThreads() {
    }

    /** Loads the engine if needed and sets its intra-op threads. */
    public static void use(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(threads);
    }

    public static int current() {
        Engine.getEngine("PyTorch");
        return JniUtils.getNumThreads();
    }
}
