package io.dinplatform.registry.lease;

import java.time.Duration;
import java.util.Optional;

import io.dinplatform.registry.lease.JobStatus;

/**
 * A queue of jobs that workers hold under expiring leases: what every such queue offers once a job is claimed.
 * Claiming itself stays with each queue, since what a worker offers and what a claim carries differ per kind of job.
 *
 * @param <L> the lease of one claimed job
 */
public interface LeasedQueue<L extends Lease> {

    /**
     * Extends the lease (the heartbeat). Empty when the lease is lost: the job was finished, released, or claimed
     * by another worker; otherwise whether a user asked to cancel the job.
     */
    Optional<Boolean> renew(L lease, Duration duration);

    /**
     * Puts the job back in the queue for any worker to claim; false when the lease was lost meanwhile.
     *
     * @param countAttempt false for a release that is not the job's fault (a graceful shutdown of the worker)
     */
    boolean requeue(L lease, String reason, boolean countAttempt);

    /** Ends the job with its final status; false when the lease was lost meanwhile. */
    boolean finish(L lease, JobStatus status, String error);
}
