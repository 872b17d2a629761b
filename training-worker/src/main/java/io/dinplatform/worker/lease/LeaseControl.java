package io.dinplatform.worker.lease;

import java.util.Optional;

import io.dinplatform.registry.lease.Lease;

/**
 * The signals that reach a leased job while it executes on this worker. The heartbeat and the shutdown hook raise
 * them from other threads; the job reads them at its step boundaries (mini-batches, chunks) and stops cooperatively.
 *
 * @param <L> the lease the job runs under
 */
public class LeaseControl<L extends Lease> {

    private final L lease;
    private volatile boolean cancelRequested;
    private volatile boolean leaseLost;
    private volatile boolean shutdownRequested;

    public LeaseControl(L lease) {
        this.lease = lease;
    }

    public L lease() {
        return lease;
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
     * The reason to stop now, if any. A lost lease comes first: then nothing about the job is ours to decide, not
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
