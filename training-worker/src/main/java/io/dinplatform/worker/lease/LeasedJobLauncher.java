package io.dinplatform.worker.lease;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Runs a leased job's Spring Batch job through {@link JobOperator}: the {@link JobIdParameter} identifies the job
 * instance, so every attempt at a leased job is an execution of the same instance, and a restart resumes where the
 * last execution stopped (its completed steps are skipped, the stopped step resumes from its last checkpoint).
 *
 * <p>An execution that is still marked running when this worker holds the job's lease was left behind by a worker
 * that died or lost its lease; it is marked FAILED so that it can be restarted, as {@link JobOperator#recover} does,
 * except for the executions of partitions (named {@code step:partition} by Spring Batch): those belong to whichever
 * worker holds each partition's own lease, may still be executing there, and are not this job's to end.
 */
public class LeasedJobLauncher {

    private static final Logger log = LoggerFactory.getLogger(LeasedJobLauncher.class);
    private static final Duration COMPLETION_POLL = Duration.ofMillis(200);
    /** Between a partitioned step's name and a partition's, in the names of the partitions' step executions. */
    private static final String PARTITION_SEPARATOR = ":";

    private final Job job;
    private final JobIdParameter jobId;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;

    public LeasedJobLauncher(Job job, JobIdParameter jobId, JobOperator jobOperator, JobRepository jobRepository) {
        this.job = job;
        this.jobId = jobId;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
    }

    /** Starts the leased job's Spring Batch job, or restarts its last execution; returns the finished execution. */
    public JobExecution launch(UUID id) throws Exception {
        JobParameters parameters = jobId.of(id);
        JobInstance instance = jobRepository.getJobInstance(job.getName(), parameters);
        JobExecution execution = instance == null
                ? jobOperator.start(job, parameters)
                : resume(id, jobRepository.getLastJobExecution(instance));
        return awaitCompletion(execution);
    }

    private JobExecution resume(UUID id, JobExecution last) throws Exception {
        if (last == null) {
            return jobOperator.start(job, jobId.of(id));
        }
        if (last.getStatus() == BatchStatus.COMPLETED) {
            log.info("{} {}: job execution {} had already completed; nothing to resume", jobId.name(), id,
                    last.getId());
            return last;
        }
        if (last.isRunning()) {
            log.warn("{} {}: job execution {} was left {} by a worker that died or lost its lease; recovering it",
                    jobId.name(), id, last.getId(), last.getStatus());
            last = recover(last);
        }
        log.info("{} {}: restarting job execution {} ({}), resuming where it stopped", jobId.name(), id,
                last.getId(), last.getStatus());
        return jobOperator.restart(last);
    }

    private JobExecution recover(JobExecution stale) {
        LocalDateTime now = LocalDateTime.now();
        for (StepExecution step : stale.getStepExecutions()) {
            if (step.getStatus().isRunning() && !step.getStepName().contains(PARTITION_SEPARATOR)) {
                step.setStatus(BatchStatus.FAILED);
                step.setEndTime(now);
                jobRepository.update(step);
            }
        }
        stale.setStatus(BatchStatus.FAILED);
        stale.setEndTime(now);
        jobRepository.update(stale);
        return stale;
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
