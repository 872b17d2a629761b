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
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Runs a leased job's Spring Batch job through {@link JobOperator}: the {@link JobIdParameter} identifies the job
 * instance, so every attempt at a leased job is an execution of the same instance, and a restart resumes where the
 * last execution stopped (its completed steps are skipped, the stopped step resumes from its last checkpoint).
 *
 * <p>An execution that is still marked running when this worker holds the job's lease was left behind by a worker
 * that died or lost its lease; it is marked FAILED so that it can be restarted, with its running steps, as
 * {@link JobOperator#recover} does. The executions of partitions (named {@code step:partition} by Spring Batch) may
 * still be executing on other workers, which update them with every chunk: each is read afresh before it is marked,
 * and marked again when such an update came in between (the restart hands the partition out anew anyway).
 */
public class LeasedJobLauncher {

    private static final Logger log = LoggerFactory.getLogger(LeasedJobLauncher.class);
    private static final Duration COMPLETION_POLL = Duration.ofMillis(200);
    /** Between a partitioned step's name and a partition's, in the names of the partitions' step executions. */
    private static final String PARTITION_SEPARATOR = ":";
    /** A partition's worker updates its execution once a chunk: a few tries find a moment between two updates. */
    private static final int MAX_PARTITION_MARKS = 10;

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
        for (StepExecution step : stale.getStepExecutions()) {
            if (step.getStepName().contains(PARTITION_SEPARATOR)) {
                failPartition(step.getJobExecutionId(), step.getId());
            } else if (step.getStatus().isRunning()) {
                fail(step);
            }
        }
        stale.setStatus(BatchStatus.FAILED);
        stale.setEndTime(LocalDateTime.now());
        jobRepository.update(stale);
        return stale;
    }

    private void failPartition(long jobExecutionId, long stepExecutionId) {
        for (int attempt = 1; ; attempt++) {
            StepExecution current = jobRepository.getStepExecution(jobExecutionId, stepExecutionId);
            if (current == null || !current.getStatus().isRunning()) {
                return;
            }
            try {
                fail(current);
                return;
            } catch (OptimisticLockingFailureException e) {
                if (attempt == MAX_PARTITION_MARKS) {
                    throw e;
                }
            }
        }
    }

    private void fail(StepExecution step) {
        step.setStatus(BatchStatus.FAILED);
        step.setEndTime(LocalDateTime.now());
        jobRepository.update(step);
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
