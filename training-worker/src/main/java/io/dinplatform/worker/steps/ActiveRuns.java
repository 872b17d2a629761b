package io.dinplatform.worker.steps;

import ai.djl.Device;
import io.dinplatform.registry.run.ClaimedRun;
import io.dinplatform.worker.lease.ActiveJobs;
import io.dinplatform.worker.lease.JobIdParameter;
import io.dinplatform.worker.lease.RunControl;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * The runs this worker executes right now, by id: the job's steps find their run (its lease, device and stop
 * signals) here from the job parameter that names it.
 */
public class ActiveRuns extends ActiveJobs<ActiveRun> {

    /** The training job's parameter that names its run: the job instance is keyed by the run's id. */
    public static final JobIdParameter RUN_ID = new JobIdParameter("runId");

    public ActiveRuns() {
        super("run");
    }

    /** Registers a run that this worker has claimed. */
    public ActiveRun open(ClaimedRun claim, Device device) {
        return register(new ActiveRun(claim, device, new RunControl(claim.lease())));
    }

    /** The run a job execution trains. */
    public ActiveRun require(JobParameters parameters) {
        return require(RUN_ID.in(parameters));
    }
}
