package io.dinplatform.api.serving;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer to a predict request: the model version that scored it and one prediction per instance, in order.
 *
 * @param model       the model's name
 * @param version     the version that answered (aliases are resolved per request); where an alias is split over
 *                    versions, the first instance's (each prediction names its own)
 * @param predictions one per instance
 */
public record PredictionResponse(String model, int version, List<Prediction> predictions) {

    /**
     * @param score     the click probability
     * @param attention with {@code explain}: the attention weight of every history item the model saw (the newest
     *                  {@code maxLength}, oldest first)
     * @param unknownFeatures the features whose id the model does not know (never seen in training, below
     *                        {@code minCount}, or missing), scored with the feature's unknown row; empty when it
     *                        knows every id
     * @param impressionId this answer's id, for click feedback ({@code POST /api/v1/feedback})
     * @param version   the version that scored this instance (an alias split over versions scores each instance
     *                  with its user's arm)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Prediction(float score, float[] attention, List<String> unknownFeatures, UUID impressionId,
                             Integer version) {
    }
}
