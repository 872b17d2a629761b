package io.dinplatform.core.serving;

import java.util.List;

/**
 * Click probabilities for a list of instances, in request order.
 *
 * @param scores    one probability per instance
 * @param attention with {@code explain} on a model with attention: per instance, the pooling weight of each history
 *                  item the model saw (the newest {@code maxLength}, oldest first); null otherwise
 */
public record ScoringResult(float[] scores, List<float[]> attention) {
}
