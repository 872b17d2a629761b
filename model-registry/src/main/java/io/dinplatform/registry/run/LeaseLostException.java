package io.dinplatform.registry.run;

/**
 * This worker no longer holds the run: another worker claimed it after the lease expired, or it was finished
 * meanwhile. The work in progress must stop without writing anything more about the run.
 */
public class LeaseLostException extends RuntimeException {

    public LeaseLostException(RunLease lease) {
        super("worker " + lease.holder() + " lost its lease on run " + lease.runId() + " (attempt " + lease.attempt()
                + "): another worker now owns the run");
    }
}
