package io.dinplatform.api.serving.batching;

import java.util.concurrent.CompletableFuture;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.serving.ScoringResult;

/** A request's encoded instances waiting in a batcher's queue, answered through its future. */
record PendingRequest(EncodedDataset rows, boolean explain, long enqueuedNanos,
                      CompletableFuture<ScoringResult> answer) {

    int size() {
        return rows.size();
    }
}
