package io.dinplatform.core.train;

import ai.djl.ndarray.NDArray;

/**
 * The arithmetic of one optimizer step on a block of values: a whole dense parameter or the touched rows of an
 * embedding table. Both paths call the same rule, so a sparse update of a row is by construction the dense update
 * of that row.
 *
 * <p>Contract: {@code state} arrays have the gradient's shape and are updated in place; the returned step is the
 * amount to subtract from the values. Every array passed in must belong to the step's per-batch manager (results
 * land in the manager of an op's first operand).
 */
sealed interface UpdateRule {

    /** How many state arrays the rule keeps per parameter (0, 1 or 2). */
    int stateSlots();

    /**
     * @param gradient     the gradient, regularization included
     * @param state        the rule's state for these values, updated in place
     * @param t            the step count, 1 for the first step
     * @param learningRate η_t
     * @return the step Δ, so that the new values are {@code values − Δ}
     */
    NDArray step(NDArray gradient, NDArray[] state, long t, float learningRate);

    static UpdateRule of(OptimizerConfig config) {
        return switch (config.type()) {
            case SGD -> new Sgd();
            case ADAGRAD -> new Adagrad(config.epsilon());
            case ADAM -> new Adam(config.beta1(), config.beta2(), config.epsilon());
        };
    }

    /** Δ = η g. */
    record Sgd() implements UpdateRule {
        @Override
        public int stateSlots() {
            return 0;
        }

        @Override
        public NDArray step(NDArray gradient, NDArray[] state, long t, float learningRate) {
            return gradient.mul(learningRate);
        }
    }

    /** h ← h + g²; Δ = η g / (√h + ε). */
    record Adagrad(float epsilon) implements UpdateRule {
        @Override
        public int stateSlots() {
            return 1;
        }

        @Override
        public NDArray step(NDArray gradient, NDArray[] state, long t, float learningRate) {
            NDArray sumOfSquares = state[0].addi(gradient.square());
            return gradient.mul(learningRate).divi(sumOfSquares.sqrt().addi(epsilon));
        }
    }

    /**
     * m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; Δ = η/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε), PyTorch's form. On the sparse
     * path only touched rows advance their moments while t counts every step ("lazy" Adam, as PyTorch's SparseAdam
     * and TensorFlow's LazyAdam do): an untouched row keeps its moments instead of decaying them.
     */
    record Adam(float beta1, float beta2, float epsilon) implements UpdateRule {
        @Override
        public int stateSlots() {
            return 2;
        }

        @Override
        public NDArray step(NDArray gradient, NDArray[] state, long t, float learningRate) {
            NDArray m = state[0].muli(beta1).addi(gradient.mul(1f - beta1));
            NDArray v = state[1].muli(beta2).addi(gradient.square().muli(1f - beta2));
            double firstCorrection = 1 - Math.pow(beta1, t);
            double secondCorrection = 1 - Math.pow(beta2, t);
            NDArray denominator = v.sqrt().divi((float) Math.sqrt(secondCorrection)).addi(epsilon);
            return m.mul((float) (learningRate / firstCorrection)).divi(denominator);
        }
    }
}
