package io.dinplatform.worker.steps;

import java.util.UUID;

import ai.djl.Device;
import io.dinplatform.registry.run.ClaimedRun;
import io.dinplatform.registry.run.RunLease;
import io.dinplatform.worker.lease.ActiveJob;
import io.dinplatform.worker.lease.RunControl;

/**
 * A run executing on this worker: what was claimed, the device it trains on, and its stop signals.
 *
 * @param claim   the claimed run
 * @param device  the device resolved from the run's request and the worker's configuration
 * @param control the lease and the stop signals
 */
public record ActiveRun(ClaimedRun claim, Device device, RunControl control) implements ActiveJob {

    public UUID runId() {
        return claim.lease().runId();
    }

    public RunLease lease() {
        return claim.lease();
    }
}
