package io.dinplatform.worker.scoring;

import io.dinplatform.registry.scoring.ScoringLease;
import io.dinplatform.worker.lease.LeaseControl;

/** The stop signals of a batch prediction; its job reads them at every chunk boundary. */
public final class ScoringControl extends LeaseControl<ScoringLease> {

    public ScoringControl(ScoringLease lease) {
        super(lease);
    }
}
