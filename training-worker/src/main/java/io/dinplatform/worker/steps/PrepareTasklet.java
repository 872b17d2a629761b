package io.dinplatform.worker.steps;

import java.util.Locale;

import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.shard.ShardedDataset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code prepare} step: finds the shards of the run's dataset version encoded by an earlier run, or encodes the
 * version (its file's SHA-256 verified) into shards with vocabularies built on the training split
 * ({@link PreparedDatasets}), and records what it found (rows per split, vocabulary sizes, whether the encoding was
 * reused, the prepare time) in the job's execution context and the run's progress.
 */
public class PrepareTasklet extends RunTasklet {

    /** The job execution context's record of the encoded dataset (JSON). */
    static final String PREPARED = "prepared";

    private static final Logger log = LoggerFactory.getLogger(PrepareTasklet.class);

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
        ShardedDataset shards = prepared.shards();
        ObjectNode summary = JsonMapper.shared().createObjectNode();
        summary.put("stage", "prepare");
        summary.put("dataset", prepared.version().name());
        summary.put("datasetVersion", prepared.version().version());
        long rows = 0;
        int shardCount = 0;
        for (Split split : Split.values()) {
            summary.put(split.name().toLowerCase(Locale.ROOT) + "Rows", shards.rows(split));
            rows += shards.rows(split);
            shardCount += shards.shardRows(split).length;
        }
        summary.put("rows", rows);
        summary.put("shards", shardCount);
        summary.put("encoding", prepared.reused() ? "reused" : "encoded");
        summary.put("encodingKey", prepared.encodingKey());
        summary.put("prepareSeconds", prepared.prepareTime().toMillis() / 1000.0);
        ObjectNode vocabularies = summary.putObject("vocabularySizes");
        shards.vocabularies().byFeature().forEach((feature, vocabulary) ->
                vocabularies.put(feature, vocabulary.size()));
        step.getJobExecution().getExecutionContext().putString(PREPARED, summary.toString());
        reporter.report(run, RunReporter.STAGE, summary);
        log.info("Run {}: prepared {} rows in {} shards in {} ms ({})", run.runId(), rows, shardCount,
                prepared.prepareTime().toMillis(), prepared.reused() ? "shards reused, encoding skipped" : "encoded");
        return RepeatStatus.FINISHED;
    }
}
