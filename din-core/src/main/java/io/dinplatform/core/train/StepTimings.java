package io.dinplatform.core.train;

/**
 * Where training time goes, accumulated over steps: the lookup and forward pass, backward, and the optimizer.
 * On the CPU every engine call completes before it returns, so wall-clock splits are exact.
 */
public final class StepTimings {

    private long steps;
    private long forwardNanos;
    private long backwardNanos;
    private long updateNanos;

    void add(long forward, long backward, long update) {
        steps++;
        forwardNanos += forward;
        backwardNanos += backward;
        updateNanos += update;
    }

    public void reset() {
        steps = 0;
        forwardNanos = 0;
        backwardNanos = 0;
        updateNanos = 0;
    }

    public long steps() {
        return steps;
    }

    public double forwardMillisPerStep() {
        return perStep(forwardNanos);
    }

    public double backwardMillisPerStep() {
        return perStep(backwardNanos);
    }

    public double updateMillisPerStep() {
        return perStep(updateNanos);
    }

    private double perStep(long nanos) {
        return steps == 0 ? 0 : nanos / 1e6 / steps;
    }
}
