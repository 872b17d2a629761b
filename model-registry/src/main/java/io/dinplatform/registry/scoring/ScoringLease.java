package io.dinplatform.registry.scoring;

import java.util.Objects;
import java.util.UUID;

import io.dinplatform.registry.lease.Lease;

/**
 * A worker's hold on one batch prediction, and the fencing token of everything it writes about it: every claim
 * increments the prediction's {@code attempts}, so (holder, attempt) names one claim exactly, and a worker that lost
 * its lease to another finds each of its writes refused instead of overwriting the new holder's.
 *
 * @param predictionId the batch prediction
 * @param holder       the worker that claimed it
 * @param attempt      the prediction's attempt count right after this claim
 */
public record ScoringLease(UUID predictionId, String holder, int attempt) implements Lease {

    public ScoringLease {
        Objects.requireNonNull(predictionId, "predictionId");
        Objects.requireNonNull(holder, "holder");
    }

    @Override
    public UUID jobId() {
        return predictionId;
    }
}
