package io.dinplatform.api.serving;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /api/v1/models/{name}/rank}: one user against many candidates.
 *
 * @param context    the user's side: profile and context features and the behaviour histories
 * @param candidates per candidate, its item features (a value given here overrides the context's)
 * @param topK       how many of the best candidates to return; all of them when absent
 * @param explain    also return each returned candidate's attention weights over the history (DIN only); false when
 *                   absent
 */
@Schema(example = "{\"context\": {\"user_id\": \"196\", \"hist_item_id\": [\"302\", \"377\"], "
        + "\"hist_cate_id\": [\"Crime\", \"Children\"]}, \"candidates\": [{\"item_id\": \"242\", "
        + "\"cate_id\": \"Comedy\"}, {\"item_id\": \"51\", \"cate_id\": \"Drama\"}], \"topK\": 1, \"explain\": true}")
public record RankRequest(
        @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
                description = "The user's raw feature values by feature name, histories as arrays (oldest first)")
        Map<String, Object> context,
        @ArraySchema(schema = @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
                description = "A candidate's raw item feature values by feature name"))
        List<Map<String, Object>> candidates,
        Integer topK,
        Boolean explain) {

    public boolean explainRequested() {
        return Boolean.TRUE.equals(explain);
    }
}
