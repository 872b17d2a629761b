package io.dinplatform.api.serving;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The best candidates of a rank request, the highest score first.
 *
 * @param model   the model's name
 * @param version the version that answered
 * @param ranked  at most {@code topK} candidates
 */
public record RankResponse(String model, int version, List<RankedCandidate> ranked) {

    /**
     * @param index the candidate's position in the request, from 0
     * @param score its click probability
     * @param unknownFeatures the features of the candidate and the context whose id the model does not know;
     *                        empty when it knows every id
     * @param attention with {@code explain}: the attention weight of every history item the model saw for this
     *                  candidate (the newest {@code maxLength}, oldest first), as predict gives it for the pair
     * @param impressionId this candidate's impression id, for click feedback ({@code POST /api/v1/feedback})
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RankedCandidate(int index, float score, List<String> unknownFeatures, float[] attention,
                                  UUID impressionId) {
    }
}
