package io.dinplatform.core.train;

/**
 * The optimizer of a training run, for the model's dense parameters and its embedding tables alike.
 *
 * @param type         the update rule
 * @param learningRate the base learning rate η (positive)
 * @param schedule     how η decays over the steps ({@link LearningRateSchedule#CONSTANT} for none)
 * @param beta1        Adam's first-moment decay, in [0, 1)
 * @param beta2        Adam's second-moment decay, in [0, 1)
 * @param epsilon      the denominator's guard of Adam and Adagrad (positive)
 */
public record OptimizerConfig(OptimizerType type, float learningRate, LearningRateSchedule schedule, float beta1,
                              float beta2, float epsilon) {

    public static final float DEFAULT_BETA1 = 0.9f;
    public static final float DEFAULT_BETA2 = 0.999f;
    public static final float DEFAULT_EPSILON = 1e-8f;

    public OptimizerConfig {
        if (type == null) {
            throw new IllegalArgumentException("optimizer.type is required (SGD, ADAGRAD or ADAM)");
        }
        if (!(learningRate > 0f) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("optimizer.learningRate must be a positive number, got " + learningRate);
        }
        schedule = schedule == null ? LearningRateSchedule.CONSTANT : schedule;
        if (!(beta1 >= 0f && beta1 < 1f)) {
            throw new IllegalArgumentException("optimizer.beta1 must be in [0, 1), got " + beta1);
        }
        if (!(beta2 >= 0f && beta2 < 1f)) {
            throw new IllegalArgumentException("optimizer.beta2 must be in [0, 1), got " + beta2);
        }
        if (!(epsilon > 0f) || Float.isInfinite(epsilon)) {
            throw new IllegalArgumentException("optimizer.epsilon must be a positive number, got " + epsilon);
        }
    }

    /** The given rule with its usual constants and a constant learning rate. */
    public static OptimizerConfig of(OptimizerType type, float learningRate) {
        return new OptimizerConfig(type, learningRate, LearningRateSchedule.CONSTANT, DEFAULT_BETA1, DEFAULT_BETA2,
                DEFAULT_EPSILON);
    }

    public static OptimizerConfig sgd(float learningRate) {
        return of(OptimizerType.SGD, learningRate);
    }

    public static OptimizerConfig adagrad(float learningRate) {
        return of(OptimizerType.ADAGRAD, learningRate);
    }

    public static OptimizerConfig adam(float learningRate) {
        return of(OptimizerType.ADAM, learningRate);
    }

    public OptimizerConfig withSchedule(LearningRateSchedule newSchedule) {
        return new OptimizerConfig(type, learningRate, newSchedule, beta1, beta2, epsilon);
    }
}
