package io.dinplatform.worker.steps;

import java.io.IOException;

import io.dinplatform.core.data.Split;
import io.dinplatform.core.metrics.EvaluationMetrics;
import io.dinplatform.worker.lease.PermanentJobFailure;
import io.dinplatform.worker.steps.ActiveRun;
import io.dinplatform.worker.steps.ActiveRuns;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code evaluate} step: test AUC, GAUC and log loss of the checkpoint selected on validation, beside the
 * popularity baseline's AUC and GAUC on the same rows. After a restart in
 * another process the model is rebuilt from that checkpoint, so the numbers do not depend on where the step ran.
 */
public class EvaluateTasklet extends RunTasklet {

    static final String TEST_METRICS = "testMetrics";

    private final PreparedDatasets datasets;
    private final TrainingSessions sessions;
    private final Checkpoints checkpoints;
    private final RunReporter reporter;

    public EvaluateTasklet(ActiveRuns activeRuns, PreparedDatasets datasets, TrainingSessions sessions,
                           Checkpoints checkpoints, RunReporter reporter) {
        super(activeRuns);
        this.datasets = datasets;
        this.sessions = sessions;
        this.checkpoints = checkpoints;
        this.reporter = reporter;
    }

    @Override
    protected RepeatStatus execute(ActiveRun run, StepExecution step) throws IOException {
        TrainingSession session = selectedModel(run, step.getJobExecution().getExecutionContext(), datasets,
                sessions, checkpoints);
        EvaluationMetrics test = session.trainer().evaluate(Split.TEST);
        if (test == null) {
            throw new PermanentJobFailure("the dataset has no test rows: the model cannot be evaluated (give the "
                    + "schema a split column with test rows, or use the default split by group)");
        }
        ObjectNode metrics = MetricsJson.of(test, session.trainer().baseline(Split.TEST));
        step.getJobExecution().getExecutionContext().putString(TEST_METRICS, metrics.toString());
        ObjectNode point = metrics.deepCopy().put("stage", "evaluate").put("split", "test");
        reporter.report(run, RunReporter.METRIC, point);
        return RepeatStatus.FINISHED;
    }

    /** The run's model holding the parameters selected on validation, restored from their checkpoint if need be. */
    static TrainingSession selectedModel(ActiveRun run, ExecutionContext jobContext, PreparedDatasets datasets,
                                         TrainingSessions sessions, Checkpoints checkpoints) throws IOException {
        TrainingSession session = TrainTasklet.sessionOf(run, datasets, sessions);
        if (!session.isTrained()) {
            checkpoints.restore(session.trainer(), jobContext.getString(TrainTasklet.SELECTED_CHECKPOINT));
            session.markTrained();
        }
        return session;
    }
}
