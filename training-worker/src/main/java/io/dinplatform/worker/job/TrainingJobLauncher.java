package io.dinplatform.worker.job;

import java.time.Duration;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Runs a training run's job through {@link JobOperator}: the job parameter {@code runId} identifies the job instance,
 * so every attempt at a run is an execution of the same instance, and a restart resumes where the last execution
 * stopped (its completed steps are skipped, the train step resumes from its checkpoint).
 *
 * <p>An execution that is still marked running when this worker holds the run's lease was left behind by a worker
 * that died or lost its lease; {@link JobOperator#recover} marks it FAILED so that it can be restarted.
 */
public class TrainingJobLauncher {

    public static final String RUN_ID_PARAMETER = "runId";

    private static final Logger log = LoggerFactory.getLogger(TrainingJobLauncher.class);
    private static final Duration COMPLETION_POLL = Duration.ofMillis(200);

    private final Job job;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;

    public TrainingJobLauncher(Job job, JobOperator jobOperator, JobRepository jobRepository) {
        this.job = job;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
    }

    public static JobParameters parametersOf(UUID runId) {
        return new JobParametersBuilder().addString(RUN_ID_PARAMETER, runId.toString(), true).toJobParameters();
    }

    public static UUID runIdOf(JobParameters parameters) {
        return UUID.fromString(parameters.getString(RUN_ID_PARAMETER));
    }

    /** Starts the run's job, or restarts its last execution, and returns the finished execution. */
    public JobExecution launch(UUID runId) throws Exception {
        JobParameters parameters = parametersOf(runId);
        JobInstance instance = jobRepository.getJobInstance(job.getName(), parameters);
        JobExecution execution = instance == null
                ? jobOperator.start(job, parameters)
                : resume(runId, jobRepository.getLastJobExecution(instance));
        return awaitCompletion(execution);
    }

    private JobExecution resume(UUID runId, JobExecution last) throws Exception {
        if (last == null) {
            return jobOperator.start(job, parametersOf(runId));
        }
        if (last.getStatus() == BatchStatus.COMPLETED) {
            log.info("Run {}: job execution {} had already completed; nothing to resume", runId, last.getId());
            return last;
        }
        if (last.isRunning()) {
            log.warn("Run {}: job execution {} was left {} by a worker that died or lost its lease; recovering it",
                    runId, last.getId(), last.getStatus());
            last = jobOperator.recover(last);
        }
        log.info("Run {}: restarting job execution {} ({}), resuming from its last checkpoint", runId, last.getId(),
                last.getStatus());
        return jobOperator.restart(last);
    }

    /** With an asynchronous task executor the operator returns at once: wait here for the end of the execution. */
    private JobExecution awaitCompletion(JobExecution execution) throws InterruptedException {
        JobExecution current = execution;
        while (current.isRunning()) {
            Thread.sleep(COMPLETION_POLL.toMillis());
            current = jobRepository.getJobExecution(execution.getId());
        }
        return current;
    }
}
