package io.dinplatform.core.train;

/** The update rules on offer; each has a dense and a row-sparse form. */
public enum OptimizerType {
    /** Plain stochastic gradient descent, with an optional learning-rate decay. */
    SGD,
    /** Per-coordinate learning rates from the sum of squared gradients (Duchi et al., 2011). */
    ADAGRAD,
    /** First and second moment estimates with bias correction (Kingma and Ba, 2015). */
    ADAM
}
