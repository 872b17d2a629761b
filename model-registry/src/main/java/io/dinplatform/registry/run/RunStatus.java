package io.dinplatform.registry.run;

/** Where a training run stands. A run moves QUEUED → RUNNING → one of the three final states. */
public enum RunStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
