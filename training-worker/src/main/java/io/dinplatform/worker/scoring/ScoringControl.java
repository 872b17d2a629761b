package io.dinplatform.worker.scoring;

import java.util.Optional;

import io.dinplatform.registry.scoring.ScoringLease;
import io.dinplatform.worker.lease.StopReason;

/**
 * The signals that reach a batch prediction while its job runs on this worker: the heartbeat and the shutdown hook
 * raise them from other threads, and the job reads them at every chunk boundary.
 */
public final class ScoringControl {

    private final ScoringLease lease;
    private volatile boolean cancelRequested;
    private volatile boolean leaseLost;
    private volatile boolean shutdownRequested;

    public ScoringControl(ScoringLease lease) {
        this.lease = lease;
    }

    public ScoringLease lease() {
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

    /** The reason to stop now, if any; a lost lease comes first (then nothing about the prediction is ours). */
    public Optional<StopReason> stopReason() {
        if (leaseLost) {
            return Optional.of(StopReason.LEASE_LOST);
        }
        if (cancelRequested) {
            return Optional.of(StopReason.CANCEL_REQUESTED);
        }
        return shutdownRequested ? Optional.of(StopReason.WORKER_SHUTDOWN) : Optional.empty();
    }
}
