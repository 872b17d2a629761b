package io.dinplatform.registry.run;

/**
 * A run that this worker has just claimed.
 *
 * @param lease            the claim; pass it to every later write about the run
 * @param modelName        the model the run registers a version of
 * @param request          the run request, validated when it was queued
 * @param datasetVersionId the dataset version it trains on
 * @param cancelRequested  whether a user asked to cancel it before this claim
 * @param jobExecutionId   the Spring Batch execution of an earlier attempt, or null on a first claim
 * @param requestedBy      who queued it ({@link io.dinplatform.registry.audit.Principals#SYSTEM} for runs queued
 *                         before the catalog recorded it): the changes the run makes are recorded in their name
 */
public record ClaimedRun(RunLease lease, String modelName, RunRequest request, long datasetVersionId,
                         boolean cancelRequested, Long jobExecutionId, String requestedBy) {

    /** Whether an earlier attempt got as far as starting the job (a takeover or a retry). */
    public boolean isResumption() {
        return jobExecutionId != null;
    }
}
