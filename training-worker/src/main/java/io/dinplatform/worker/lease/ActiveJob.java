package io.dinplatform.worker.lease;

/** A leased job executing on this worker, as the worker's {@link ActiveJobs} keep it: reachable by its stop signals. */
public interface ActiveJob {

    /** The job's lease and stop signals. */
    LeaseControl<?> control();
}
