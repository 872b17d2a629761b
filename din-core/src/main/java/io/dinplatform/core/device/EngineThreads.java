package io.dinplatform.core.device;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The PyTorch engine's intra-op threads: how many threads one operator of a forward or backward pass may use.
 *
 * <p>The count belongs to the thread that runs the pass. PyTorch keeps it per thread (OpenMP's and MKL's thread
 * settings are per calling thread); a thread that never set one takes, at its first operator, the engine's default,
 * which is whatever count was set last, by any thread. So training and serving, which want different counts in one
 * process, each set their own on the threads that run their passes ({@link #onThisThread}), and neither relies on
 * the default. A CPU training run is bit-for-bit reproducible for a fixed count (reductions split work by thread).
 */
public final class EngineThreads {

    /** The count this thread set through {@link #onThisThread}, so that setting it again costs nothing. */
    private static final ThreadLocal<Integer> THIS_THREADS = new ThreadLocal<>();

    private EngineThreads() {
    }

    /** Loads the engine if needed and sets the calling thread's intra-op threads, and the engine's default. */
    public static void use(int threads) {
        requireValid(threads);
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(threads);
        THIS_THREADS.set(threads);
    }

    /**
     * Sets the calling thread's intra-op threads unless it already uses this count (a call per forward pass costs a
     * thread-local read); the engine must be loaded. Also moves the engine's default, as any setting does.
     */
    public static void onThisThread(int threads) {
        requireValid(threads);
        Integer current = THIS_THREADS.get();
        if (current == null || current != threads) {
            JniUtils.setNumThreads(threads);
            THIS_THREADS.set(threads);
        }
    }

    /** The calling thread's intra-op threads. */
    public static int current() {
        Engine.getEngine("PyTorch");
        return JniUtils.getNumThreads();
    }

    /** The count, if a thread may use it (at least 1): for a setting checked where it is configured. */
    public static int requireValid(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        return threads;
    }
}
