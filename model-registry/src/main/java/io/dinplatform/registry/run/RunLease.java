package io.dinplatform.registry.run;

import java.util.Objects;
import java.util.UUID;

import io.dinplatform.registry.lease.Lease;

/**
 * A worker's hold on one run, and the fencing token of everything it writes about the run.
 *
 * <p>Every claim increments the run's {@code attempts}, so the pair (holder, attempt) names one claim exactly: a
 * worker that lost its lease to another (its heartbeat stalled, the lease expired and the run was claimed again)
 * still knows its old attempt number, and every write it tries is refused by the database instead of overwriting
 * the new holder's work.
 *
 * @param runId   the run
 * @param holder  the worker that claimed it
 * @param attempt the run's attempt count right after this claim
 */
public record RunLease(UUID runId, String holder, int attempt) implements Lease {

    public RunLease {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(holder, "holder");
    }

    @Override
    public UUID jobId() {
        return runId;
    }
}
