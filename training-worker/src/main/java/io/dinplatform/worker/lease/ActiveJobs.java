package io.dinplatform.worker.lease;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The jobs of one kind that this worker executes right now, by the id of the leased job: the job's steps find
 * theirs (its lease, device and stop signals) here from the job parameter that names it, and stopping the worker
 * asks each of them to stop at its next step boundary.
 *
 * @param <J> the active job, with what its steps need
 */
public class ActiveJobs<J extends ActiveJob> {

    private final String jobKind;
    private final Map<UUID, J> jobs = new ConcurrentHashMap<>();
    private volatile boolean shuttingDown;

    /** @param jobKind what the jobs are, for the messages ("run", "batch prediction") */
    protected ActiveJobs(String jobKind) {
        this.jobKind = jobKind;
    }

    /** Registers a job that this worker has claimed; during a shutdown it is asked to stop at once. */
    protected final J register(J job) {
        jobs.put(idOf(job), job);
        if (shuttingDown) {
            job.control().requestShutdown();
        }
        return job;
    }

    public void close(J job) {
        jobs.remove(idOf(job), job);
    }

    public Optional<J> find(UUID id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** The job; a job step of one that this worker does not hold must not execute. */
    public J require(UUID id) {
        return find(id).orElseThrow(() -> new IllegalStateException(jobKind + " " + id + " is not held by this "
                + "worker: its job may only execute under the worker's lease"));
    }

    /** Asks every active job to stop at its next step boundary, and every later one at once. */
    public void requestShutdown() {
        shuttingDown = true;
        jobs.values().forEach(job -> job.control().requestShutdown());
    }

    /** Lets jobs execute again: the worker was stopped and starts again (e.g. a paused application context). */
    public void resume() {
        shuttingDown = false;
    }

    public boolean isShuttingDown() {
        return shuttingDown;
    }

    private static UUID idOf(ActiveJob job) {
        return job.control().lease().jobId();
    }
}
