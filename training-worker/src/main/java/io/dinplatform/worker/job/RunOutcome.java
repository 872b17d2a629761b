package io.dinplatform.worker.job;

/** What became of a run after one attempt on this worker. */
public enum RunOutcome {
    /** The model version is registered; the run is SUCCEEDED. */
    SUCCEEDED,
    /** The run is FAILED with its reason: a permanent failure, or the last of its bounded attempts. */
    FAILED,
    /** A user cancelled it; the run is CANCELLED and registered nothing. */
    CANCELLED,
    /** Back in the queue for another attempt (a retryable failure, or this worker shutting down). */
    REQUEUED,
    /** Another worker took the run over; this one wrote nothing more about it. */
    LEASE_LOST
}
