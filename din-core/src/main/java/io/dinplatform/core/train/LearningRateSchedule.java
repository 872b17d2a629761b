package io.dinplatform.core.train;

/**
 * How the learning rate changes with the step count t (1 for the first step).
 *
 * @param type  the rule
 * @param rate  the decay factor γ in (0, 1] for {@link Type#STEP} and {@link Type#EXPONENTIAL}
 * @param steps the decay period k in steps (at least 1)
 */
public record LearningRateSchedule(Type type, float rate, int steps) {

    public enum Type {
        /** η_t = η. */
        CONSTANT,
        /** η_t = η · γ^⌊(t−1)/k⌋: a drop by γ every k steps. */
        STEP,
        /** η_t = η · γ^((t−1)/k): a smooth decay by γ per k steps. */
        EXPONENTIAL
    }

    public static final LearningRateSchedule CONSTANT = new LearningRateSchedule(Type.CONSTANT, 1f, 1);

    public LearningRateSchedule {
        if (type == null) {
            throw new IllegalArgumentException("optimizer.schedule.type is required");
        }
        if (!(rate > 0f && rate <= 1f)) {
            throw new IllegalArgumentException("optimizer.schedule.rate must be in (0, 1], got " + rate);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("optimizer.schedule.steps must be at least 1, got " + steps);
        }
    }

    public static LearningRateSchedule step(float rate, int steps) {
        return new LearningRateSchedule(Type.STEP, rate, steps);
    }

    public static LearningRateSchedule exponential(float rate, int steps) {
        return new LearningRateSchedule(Type.EXPONENTIAL, rate, steps);
    }

    /** The learning rate of step t (t ≥ 1) for a base rate η. */
    public float learningRate(float base, long t) {
        long elapsed = t - 1;
        return switch (type) {
            case CONSTANT -> base;
            case STEP -> (float) (base * Math.pow(rate, elapsed / steps));
            case EXPONENTIAL -> (float) (base * Math.pow(rate, (double) elapsed / steps));
        };
    }
}
