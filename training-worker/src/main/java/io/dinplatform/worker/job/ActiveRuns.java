package io.dinplatform.worker.job;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import ai.djl.Device;
import io.dinplatform.registry.run.ClaimedRun;
import io.dinplatform.worker.lease.RunControl;

/**
 * The runs this worker executes right now, by id: the job's steps find their run (its lease, device and stop
 * signals) here from the job parameter that names it.
 */
public class ActiveRuns {

    private final Map<UUID, ActiveRun> runs = new ConcurrentHashMap<>();
    private volatile boolean shuttingDown;

    /** Registers a run that this worker has claimed. */
    public ActiveRun open(ClaimedRun claim, Device device) {
        RunControl control = new RunControl(claim.lease());
        ActiveRun run = new ActiveRun(claim, device, control);
        runs.put(run.runId(), run);
        if (shuttingDown) {
            control.requestShutdown();
        }
        return run;
    }

    public void close(ActiveRun run) {
        runs.remove(run.runId(), run);
    }

    public Optional<ActiveRun> find(UUID runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    /** The run; a job step of a run that this worker does not hold must not execute. */
    public ActiveRun require(UUID runId) {
        return find(runId).orElseThrow(() -> new IllegalStateException(
                "run " + runId + " is not held by this worker: its job may only execute under the worker's lease"));
    }

    /** Asks every active run to stop at its next mini-batch boundary, and every later one at once. */
    public void requestShutdown() {
        shuttingDown = true;
        runs.values().forEach(run -> run.control().requestShutdown());
    }

    /** Lets runs execute again: the worker was stopped and starts again (e.g. a paused application context). */
    public void resume() {
        shuttingDown = false;
    }

    public boolean isShuttingDown() {
        return shuttingDown;
    }
}
