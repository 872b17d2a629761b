package io.dinplatform.worker.scoring;

import io.dinplatform.registry.scoring.PartitionLease;
import io.dinplatform.worker.lease.LeaseControl;

/**
 * The stop signals of one partition of a batch prediction: its lease lost, the prediction cancelled (the heartbeat
 * reports it), the worker shutting down. The partition's step reads them at every chunk boundary.
 */
public final class PartitionControl extends LeaseControl<PartitionLease> {

    public PartitionControl(PartitionLease lease) {
        super(lease);
    }
}
