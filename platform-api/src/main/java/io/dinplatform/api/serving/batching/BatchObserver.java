package io.dinplatform.api.serving.batching;

/** What a batcher reports as it works, for metrics. */
public interface BatchObserver {

    BatchObserver NONE = new BatchObserver() {
    };

    /** A request left the queue after waiting this long. */
    default void queueWait(long nanos) {
    }

    /** A forward pass ran over this many instances. */
    default void batch(int instances) {
    }

    /** A request was refused because the queue was full. */
    default void rejected(int instances) {
    }
}
