package io.dinplatform.worker.job;

import ai.djl.Device;
import io.dinplatform.registry.run.ClaimedRun;
import io.dinplatform.worker.lease.ActiveJobs;
import io.dinplatform.worker.lease.RunControl;

/**
 * The runs this worker executes right now, by id: the job's steps find their run (its lease, device and stop
 * signals) here from the job parameter that names it.
 */
public class ActiveRuns extends ActiveJobs<ActiveRun> {

    public ActiveRuns() {
        super("run");
    }

    /** Registers a run that this worker has claimed. */
    public ActiveRun open(ClaimedRun claim, Device device) {
        return register(new ActiveRun(claim, device, new RunControl(claim.lease())));
    }
}
