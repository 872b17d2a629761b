package io.dinplatform.core.nn;

import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's gradient recording switch, which is per thread and on by default in threads the engine did not start.
 * Optimizer writes and evaluation must run with it off: an in-place write to a leaf that requires gradients is an
 * error while recording, and inference would build autograd graphs for nothing.
 */
public final class GradientMode implements AutoCloseable {

    private final boolean previous;

    private GradientMode(boolean enabled) {
        this.previous = JniUtils.isGradMode();
        JniUtils.setGradMode(enabled);
    }

    /** Turns recording off on this thread until {@link #close()} restores the previous setting. */
    public static GradientMode disabled() {
        return new GradientMode(false);
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
