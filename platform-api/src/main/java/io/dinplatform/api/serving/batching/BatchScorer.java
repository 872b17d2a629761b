package io.dinplatform.api.serving.batching;

import java.util.List;
import java.util.Map;

import io.dinplatform.core.serving.ScoringResult;

/** One forward pass over a merged batch: din-core's thread-safe {@code Scorer::predict}. */
@FunctionalInterface
public interface BatchScorer {

    ScoringResult score(List<Map<String, ?>> instances, boolean explain);
}
