package io.dinplatform.registry.sweep;

/** Where a sweep stands: it queues trials while RUNNING; the other states are final. */
public enum SweepStatus {
    RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean isFinal() {
        return this != RUNNING;
    }
}
