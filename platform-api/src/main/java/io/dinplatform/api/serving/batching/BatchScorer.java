package io.dinplatform.api.serving.batching;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.serving.ScoringResult;

/** One forward pass over a merged batch of encoded rows: din-core's thread-safe {@code Scorer::score}. */
@FunctionalInterface
public interface BatchScorer {

    ScoringResult score(EncodedDataset rows, boolean explain);
}
