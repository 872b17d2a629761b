package io.dinplatform.worker.job;

import java.util.UUID;

import io.dinplatform.registry.run.RunQueue;
import io.dinplatform.worker.device.DeviceResolver;
import io.dinplatform.worker.steps.ActiveRuns;
import io.dinplatform.worker.steps.PreparedDatasets;
import io.dinplatform.worker.steps.TrainingSessions;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Ties a job execution to its run: before it starts, the run records the execution and the device it trains on;
 * after it ends, however it ended, what the run held in memory is freed.
 */
class RunExecutionListener implements JobExecutionListener {

    private final ActiveRuns activeRuns;
    private final RunQueue queue;
    private final PreparedDatasets datasets;
    private final TrainingSessions sessions;

    RunExecutionListener(ActiveRuns activeRuns, RunQueue queue, PreparedDatasets datasets,
                         TrainingSessions sessions) {
        this.activeRuns = activeRuns;
        this.queue = queue;
        this.datasets = datasets;
        this.sessions = sessions;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        activeRuns.find(runId(execution)).ifPresent(run -> {
            if (!queue.recordExecution(run.lease(), execution.getId(), DeviceResolver.describe(run.device()))) {
                run.control().leaseLost();
            }
        });
    }

    @Override
    public void afterJob(JobExecution execution) {
        sessions.release(runId(execution));
        datasets.release(runId(execution));
    }

    private static UUID runId(JobExecution execution) {
        return ActiveRuns.RUN_ID.in(execution.getJobParameters());
    }
}
