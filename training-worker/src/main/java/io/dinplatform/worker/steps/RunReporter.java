package io.dinplatform.worker.steps;

import io.dinplatform.registry.run.RunQueue;
import io.dinplatform.registry.run.TrainingRunRepository;
import io.dinplatform.worker.steps.ActiveRun;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes a run's progress visible while it executes: the latest point replaces the run's {@code progress} (what
 * {@code GET /training-runs/{id}} shows) and every point is appended to the run's events (the live stream and its
 * charts). Writes are fenced by the run's lease, so a worker that lost the run reports nothing more.
 */
public class RunReporter {

    public static final String PROGRESS = "progress";
    public static final String METRIC = "metric";
    public static final String STAGE = "stage";

    private final RunQueue queue;
    private final TrainingRunRepository runs;

    public RunReporter(RunQueue queue, TrainingRunRepository runs) {
        this.queue = queue;
        this.runs = runs;
    }

    /** Replaces the run's progress and appends the point as an event of the given type. */
    public void report(ActiveRun run, String type, ObjectNode point) {
        if (queue.recordProgress(run.lease(), point)) {
            runs.appendEvent(run.runId(), type, point);
        } else {
            run.control().leaseLost();
        }
    }
}
