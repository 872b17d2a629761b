package io.dinplatform.worker.steps;

import java.util.Locale;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.Split;
import io.dinplatform.worker.steps.ActiveRun;
import io.dinplatform.worker.steps.ActiveRuns;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code prepare} step: loads the run's dataset version from the artifact store (its SHA-256 verified), encodes
 * it with vocabularies built on the training split, and records what it found (rows per split, vocabulary sizes) in
 * the job's execution context and the run's progress.
 */
public class PrepareTasklet extends RunTasklet {

    /** The job execution context's record of the encoded dataset (JSON). */
    static final String PREPARED = "prepared";

    private final PreparedDatasets datasets;
    private final RunReporter reporter;

    public PrepareTasklet(ActiveRuns activeRuns, PreparedDatasets datasets, RunReporter reporter) {
        super(activeRuns);
        this.datasets = datasets;
        this.reporter = reporter;
    }

    @Override
    protected RepeatStatus execute(ActiveRun run, StepExecution step) {
        PreparedDataset prepared = datasets.of(run.runId(), run.claim().datasetVersionId());
        EncodedDataset encoded = prepared.encoded();
        ObjectNode summary = JsonMapper.shared().createObjectNode();
        summary.put("stage", "prepare");
        summary.put("dataset", prepared.version().name());
        summary.put("datasetVersion", prepared.version().version());
        summary.put("rows", encoded.size());
        for (Split split : Split.values()) {
            summary.put(split.name().toLowerCase(Locale.ROOT) + "Rows", encoded.rowsOf(split).length);
        }
        ObjectNode vocabularies = summary.putObject("vocabularySizes");
        encoded.vocabularies().byFeature().forEach((feature, vocabulary) ->
                vocabularies.put(feature, vocabulary.size()));
        step.getJobExecution().getExecutionContext().putString(PREPARED, summary.toString());
        reporter.report(run, RunReporter.STAGE, summary);
        return RepeatStatus.FINISHED;
    }
}
