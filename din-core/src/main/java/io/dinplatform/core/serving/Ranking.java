package io.dinplatform.core.serving;

import java.util.List;

/**
 * The scores of a rank request's candidates, in candidate order.
 *
 * @param scores          one click probability per candidate
 * @param unknownFeatures per candidate, the features whose id the model does not know (see {@link UnknownFeatures}):
 *                        the candidate's and the context's, histories included
 * @param attention       with explain, per candidate the attention weight of every history item the model saw;
 *                        null without explain or for a model without attention
 */
public record Ranking(float[] scores, List<List<String>> unknownFeatures, List<float[]> attention) {
}
