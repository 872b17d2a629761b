package io.dinplatform.worker.lease;

import java.util.Objects;
import java.util.UUID;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The job parameter that names the leased job a Spring Batch job instance works on: it is the instance's only
 * identifying parameter, so every attempt at one leased job is an execution of the same instance. Each kind of job
 * names it in its own words ({@code runId}, {@code predictionId}).
 *
 * @param name the parameter's name
 */
public record JobIdParameter(String name) {

    public JobIdParameter {
        Objects.requireNonNull(name, "name");
    }

    /** The parameters of the job instance that works on {@code jobId}. */
    public JobParameters of(UUID jobId) {
        return new JobParametersBuilder().addString(name, jobId.toString(), true).toJobParameters();
    }

    /** The leased job that a job execution with these parameters works on. */
    public UUID in(JobParameters parameters) {
        return UUID.fromString(parameters.getString(name));
    }
}
