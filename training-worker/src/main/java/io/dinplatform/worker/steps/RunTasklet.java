package io.dinplatform.worker.steps;

import io.dinplatform.worker.steps.ActiveRun;
import io.dinplatform.worker.steps.ActiveRuns;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * A step of the training job that works on the run its job parameter names, under this worker's lease. A run that
 * must stop (cancelled, lease lost, worker shutting down) is stopped before the step does any work: the step ends
 * STOPPED, the job with it, and a restart resumes here.
 */
abstract class RunTasklet implements Tasklet {

    private final ActiveRuns activeRuns;

    RunTasklet(ActiveRuns activeRuns) {
        this.activeRuns = activeRuns;
    }

    @Override
    public final RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        ActiveRun run = activeRuns.require(step.getJobParameters());
        if (run.control().shouldStop()) {
            step.setTerminateOnly();
            return RepeatStatus.FINISHED;
        }
        return execute(run, step);
    }

    /** The step's work; called again while it returns {@link RepeatStatus#CONTINUABLE}. */
    protected abstract RepeatStatus execute(ActiveRun run, StepExecution step) throws Exception;
}
