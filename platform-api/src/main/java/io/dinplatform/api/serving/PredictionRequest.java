package io.dinplatform.api.serving;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /api/v1/models/{name}/predict}.
 *
 * @param instances raw feature values by feature name, as they appear in the dataset: strings or numbers, histories
 *                  as arrays (oldest first)
 * @param explain   also return each history item's attention weight (DIN only); false when absent
 */
@Schema(example = "{\"instances\": [{\"user_id\": \"196\", \"item_id\": \"242\", \"cate_id\": \"Comedy\", "
        + "\"hist_item_id\": [\"302\", \"377\"], \"hist_cate_id\": [\"Crime\", \"Children\"]}], "
        + "\"explain\": true}")
public record PredictionRequest(
        @ArraySchema(schema = @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
                description = "An instance: raw feature values by feature name, strings or numbers, histories as "
                        + "arrays (oldest first)")) List<Map<String, Object>> instances,
        Boolean explain) {

    public boolean explainRequested() {
        return Boolean.TRUE.equals(explain);
    }
}
