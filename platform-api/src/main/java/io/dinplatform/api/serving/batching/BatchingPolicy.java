package io.dinplatform.api.serving.batching;

import java.time.Duration;

/**
 * How one model version's queue merges requests.
 *
 * @param maxBatchInstances the most instances merged into one forward pass; a request larger than this is scored
 *                          alone, never split between batches (1 scores every request alone)
 * @param maxQueueDelay     how long the first request of a batch waits for others to join it
 * @param capacity          the most instances admitted and not yet answered
 * @param workers           forward passes that may run at once
 */
public record BatchingPolicy(int maxBatchInstances, Duration maxQueueDelay, int capacity, int workers) {

    public BatchingPolicy {
        if (maxBatchInstances < 1 || capacity < 1 || workers < 1 || maxQueueDelay.isNegative()) {
            throw new IllegalArgumentException("invalid batching policy " + maxBatchInstances + "/" + maxQueueDelay
                    + "/" + capacity + "/" + workers);
        }
    }
}
