package io.dinplatform.api.serving.batching;

/** A request refused because its model version already holds as many pending instances as it may. */
public class QueueFullException extends RuntimeException {

    private final int capacity;

    public QueueFullException(int requested, int pending, int capacity) {
        super("the serving queue is full: " + pending + " instances are pending and " + requested
                + " more would exceed its capacity of " + capacity);
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }
}
