package io.dinplatform.registry.lease;

import java.util.UUID;

/**
 * A worker's hold on one queued job (a training run, a batch prediction), and the fencing token of everything it
 * writes about the job.
 *
 * <p>Every claim increments the job's {@code attempts}, so the pair (holder, attempt) names one claim exactly: a
 * worker that lost its lease to another still knows its old attempt number, and every write it tries is refused by
 * the database instead of overwriting the new holder's work.
 */
public interface Lease {

    /** The leased job. */
    UUID jobId();

    /** The worker that claimed it. */
    String holder();

    /** The job's attempt count right after this claim. */
    int attempt();
}
