package io.dinplatform.registry.scoring;

import java.util.Objects;
import java.util.UUID;

import io.dinplatform.registry.lease.Lease;

/**
 * A worker's hold on one partition of a batch prediction, and the fencing token of everything it writes about it
 * (progress, part, final status): see {@link Lease}.
 *
 * @param partitionId the partition, as handed out this time
 * @param holder      the worker that claimed it
 * @param attempt     the partition's attempt count right after this claim
 */
public record PartitionLease(UUID partitionId, String holder, int attempt) implements Lease {

    public PartitionLease {
        Objects.requireNonNull(partitionId, "partitionId");
        Objects.requireNonNull(holder, "holder");
    }

    @Override
    public UUID jobId() {
        return partitionId;
    }
}
