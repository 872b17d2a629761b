package io.dinplatform.worker.lease;

/** Why a running job must stop at its next mini-batch boundary. */
public enum StopReason {
    /** A user asked to cancel the run: it ends CANCELLED. */
    CANCEL_REQUESTED,
    /** Another worker owns the run now: stop and write nothing more about it. */
    LEASE_LOST,
    /** This worker is shutting down (SIGTERM): stop and leave the run resumable from its last checkpoint. */
    WORKER_SHUTDOWN
}
