package io.dinplatform.api.serving;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/models/{name}/predict}.
 *
 * @param instances raw feature values by feature name, as they appear in the dataset: strings or numbers, histories
 *                  as arrays (oldest first)
 * @param explain   also return each history item's attention weight (DIN only); false when absent
 */
public record PredictionRequest(List<Map<String, Object>> instances, Boolean explain) {

    public boolean explainRequested() {
        return Boolean.TRUE.equals(explain);
    }
}
