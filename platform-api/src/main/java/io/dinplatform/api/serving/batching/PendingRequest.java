package io.dinplatform.api.serving.batching;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.dinplatform.core.serving.ScoringResult;

/** A request waiting in a batcher's queue, answered through its future. */
record PendingRequest(List<? extends Map<String, ?>> instances, boolean explain, long enqueuedNanos,
                      CompletableFuture<ScoringResult> answer) {

    int size() {
        return instances.size();
    }
}
