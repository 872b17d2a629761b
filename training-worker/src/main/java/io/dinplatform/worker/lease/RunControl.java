package io.dinplatform.worker.lease;

import java.util.Optional;
import java.util.UUID;

import io.dinplatform.registry.run.RunLease;

/**
 * The signals that reach a run while it executes on this worker. The heartbeat and the shutdown hook raise them
 * from other threads; the training loop reads them between mini-batches and stops cooperatively.
 */
public final class RunControl {

    private final RunLease lease;
    private volatile boolean cancelRequested;
    private volatile boolean leaseLost;
    private volatile boolean shutdownRequested;

    public RunControl(RunLease lease) {
        this.lease = lease;
    }

    public RunLease lease() {
        return lease;
    }

    public UUID runId() {
        return lease.runId();
    }

    public void requestCancel() {
        cancelRequested = true;
    }

    public void leaseLost() {
        leaseLost = true;
    }

    public void requestShutdown() {
        shutdownRequested = true;
    }

    public boolean isLeaseLost() {
        return leaseLost;
    }

    /**
     * The reason to stop now, if any. A lost lease comes first: then nothing about the run is ours to decide, not
     * even a cancellation.
     */
    public Optional<StopReason> stopReason() {
        if (leaseLost) {
            return Optional.of(StopReason.LEASE_LOST);
        }
        if (cancelRequested) {
            return Optional.of(StopReason.CANCEL_REQUESTED);
        }
        return shutdownRequested ? Optional.of(StopReason.WORKER_SHUTDOWN) : Optional.empty();
    }

    public boolean shouldStop() {
        return leaseLost || cancelRequested || shutdownRequested;
    }
}
