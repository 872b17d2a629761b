package io.dinplatform.worker.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ai.djl.Device;
import io.dinplatform.core.bundle.BundleReader;
import io.dinplatform.core.bundle.ModelBundle;
import io.dinplatform.core.metrics.PopularityBaseline;
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
 * metrics from it when the dataset has labels (with the popularity baseline's on the same rows), moves it into the artifact store and records both with the
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
        ScoresFile.Evaluation evaluation = ScoresFile.verify(file, prediction.prediction().rowsTotal(),
                () -> baseline(prediction));
        StoredArtifact stored;
        try (InputStream in = Files.newInputStream(file)) {
            stored = artifacts.write(in);
        }
        BatchPrediction.Result result = new BatchPrediction.Result(stored.sha256(), stored.sizeBytes());
        if (!predictions.recordResult(prediction.lease(), result,
                evaluation == null ? null : MetricsJson.of(evaluation.metrics(), evaluation.baseline()))) {
            prediction.control().leaseLost();
            step.setTerminateOnly();
        }
        return RepeatStatus.FINISHED;
    }

    /** The popularity baseline of the prediction's model: its item vocabulary's training counts, from the bundle. */
    private PopularityBaseline baseline(ActiveBatchPrediction prediction) {
        String sha256 = prediction.prediction().model().bundleSha256();
        try (ModelBundle bundle = BundleReader.read(artifacts.verifiedPath(sha256), sha256, Device.cpu())) {
            return PopularityBaseline.of(bundle.schema(), bundle.vocabularies()).orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException("could not load the model bundle " + sha256, e);
        }
    }
}
