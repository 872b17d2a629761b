package io.dinplatform.worker.scoring;

import io.dinplatform.worker.encoding.DatasetEncodings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The {@code encode} step of a batch prediction, on the worker that holds it: finds the dataset version's scoring
 * shards, or encodes them, once, before the partitions are handed out, so that partitions starting at once on
 * several workers all read them instead of each encoding the version.
 */
class EncodeTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(EncodeTasklet.class);

    private final ActiveBatchPredictions active;
    private final ScoringShards shards;

    EncodeTasklet(ActiveBatchPredictions active, ScoringShards shards) {
        this.active = active;
        this.shards = shards;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        ActiveBatchPrediction prediction = active.require(step.getJobParameters());
        DatasetEncodings.Encoding encoding = shards.of(prediction.prediction());
        log.info("Batch prediction {}: {} the scoring shards of dataset version {} ({} shards, {} ms)",
                prediction.id(), encoding.reused() ? "reused" : "encoded", prediction.prediction().dataset().id(),
                encoding.shards().manifest().shardCount(), encoding.time().toMillis());
        return RepeatStatus.FINISHED;
    }
}
