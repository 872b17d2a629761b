package io.dinplatform.registry.lease;

/**
 * Where a leased job (a training run, a batch prediction) stands. A job moves QUEUED → RUNNING → one of the three
 * final states.
 */
public enum JobStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
