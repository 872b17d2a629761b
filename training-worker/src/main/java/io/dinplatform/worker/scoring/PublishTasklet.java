package io.dinplatform.worker.scoring;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import io.dinplatform.core.metrics.EvaluationMetrics;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.artifact.StoredArtifact;
import io.dinplatform.registry.scoring.BatchPrediction;
import io.dinplatform.registry.scoring.BatchPredictionRepository;
import io.dinplatform.worker.steps.MetricsJson;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The {@code publish} step: checks that the scores file holds every dataset row exactly once, computes the test
 * metrics from it when the dataset has labels, moves it into the artifact store and records both with the
 * prediction. Repeating it is harmless: the same file has the same SHA-256, and the store keeps one copy.
 */
class PublishTasklet implements Tasklet {

    private final ActiveBatchPredictions active;
    private final BatchPredictionRepository predictions;
    private final ArtifactStore artifacts;
    private final ScratchFiles scratch;

    PublishTasklet(ActiveBatchPredictions active, BatchPredictionRepository predictions, ArtifactStore artifacts,
                   ScratchFiles scratch) {
        this.active = active;
        this.predictions = predictions;
        this.artifacts = artifacts;
        this.scratch = scratch;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        ActiveBatchPrediction prediction = active.require(step.getJobParameters());
        if (prediction.control().stopReason().isPresent()) {
            step.setTerminateOnly();
            return RepeatStatus.FINISHED;
        }
        Path file = scratch.scoresOf(prediction.id());
        EvaluationMetrics metrics = ScoresFile.verify(file, prediction.prediction().rowsTotal());
        StoredArtifact stored;
        try (InputStream in = Files.newInputStream(file)) {
            stored = artifacts.write(in);
        }
        BatchPrediction.Result result = new BatchPrediction.Result(stored.sha256(), stored.sizeBytes());
        if (!predictions.recordResult(prediction.lease(), result, metrics == null ? null : MetricsJson.of(metrics))) {
            prediction.control().leaseLost();
            step.setTerminateOnly();
        }
        return RepeatStatus.FINISHED;
    }
}
