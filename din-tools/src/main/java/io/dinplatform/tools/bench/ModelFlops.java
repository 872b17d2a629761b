package io.dinplatform.tools.bench;

import io.dinplatform.core.model.ArchitectureConfig;
import io.dinplatform.core.model.AttentionInput;
import io.dinplatform.core.model.ModelDimensions;
import io.dinplatform.core.model.ModelType;

import java.util.List;

/**
 * Floating-point operations per sample, counted from the layer shapes: the matrix products only (a multiply-add is
 * 2 FLOPs), since they dominate and are what the matmul rate measures; element-wise work (Dice, the attention
 * input's products and differences, pooling) is left out, which makes utilisation a slight underestimate.
 * Training counts 3× the forward pass (backward computes two products per forward product).
 */
public final class ModelFlops {

    private ModelFlops() {
    }

    /** Forward FLOPs per sample at history length t. */
    public static double forward(ArchitectureConfig architecture, ModelDimensions dimensions, int t) {
        int d = dimensions.itemWidth();
        double flops = mlp(mlpInputWidth(architecture, dimensions), architecture.mlp().hiddenUnits());
        if (architecture.type() == ModelType.DIN) {
            int attentionInput = architecture.attention().input() == AttentionInput.PAPER ? 3 * d : 4 * d;
            flops += t * mlp(attentionInput, architecture.attention().hiddenUnits());
        }
        return flops;
    }

    public static double training(ArchitectureConfig architecture, ModelDimensions dimensions, int t) {
        return 3 * forward(architecture, dimensions, t);
    }

    /** Profile, candidate, interest, (interest ⊙ candidate), numeric. */
    static int mlpInputWidth(ArchitectureConfig architecture, ModelDimensions dimensions) {
        int items = architecture.interestCandidateProduct() ? 3 : 2;
        return dimensions.profileWidth() + items * dimensions.itemWidth() + dimensions.numericWidth();
    }

    /** Hidden layers then a 1-unit output. */
    private static double mlp(int input, List<Integer> hidden) {
        double flops = 0;
        int width = input;
        for (int units : hidden) {
            flops += 2.0 * width * units;
            width = units;
        }
        return flops + 2.0 * width;
    }
}
