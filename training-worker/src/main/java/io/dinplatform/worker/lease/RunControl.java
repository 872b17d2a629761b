package io.dinplatform.worker.lease;

import java.util.UUID;

import io.dinplatform.registry.run.RunLease;

/** The stop signals of a training run; the training loop reads them between mini-batches. */
public final class RunControl extends LeaseControl<RunLease> {

    public RunControl(RunLease lease) {
        super(lease);
    }

    public UUID runId() {
        return lease().runId();
    }
}
