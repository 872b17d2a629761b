package io.dinplatform.worker.scoring;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import ai.djl.Device;
import io.dinplatform.core.bundle.BundleReader;
import io.dinplatform.core.bundle.ModelBundle;
import io.dinplatform.core.metrics.PopularityBaseline;
import io.dinplatform.core.schema.FeatureSchemaJson;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.artifact.StagedArtifact;
import io.dinplatform.registry.artifact.StoredArtifact;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.registry.lease.JobStatus;
import io.dinplatform.registry.scoring.BatchPrediction;
import io.dinplatform.registry.scoring.BatchPredictionRepository;
import io.dinplatform.registry.scoring.PredictionPartition;
import io.dinplatform.registry.scoring.PredictionPartitions;
import io.dinplatform.worker.lease.PermanentJobFailure;
import io.dinplatform.worker.steps.MetricsJson;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The {@code publish} step: assembles the result from the partitions' parts, in partition order behind one header,
 * streaming (one part open at a time, nothing held whole), into the artifact store; on the way it checks that the
 * result holds every dataset row exactly once and in order, and computes the test metrics when the dataset has
 * labels, with the popularity baseline's on the same rows. Both are recorded with the prediction. The result has the
 * same bytes however many partitions scored it, and repeating the step is harmless: the same bytes have the same
 * SHA-256, and the store keeps one copy.
 */
class PublishTasklet implements Tasklet {

    private final ActiveBatchPredictions active;
    private final BatchPredictionRepository predictions;
    private final PredictionPartitions partitions;
    private final DatasetRepository datasets;
    private final ArtifactStore artifacts;

    PublishTasklet(ActiveBatchPredictions active, BatchPredictionRepository predictions,
                   PredictionPartitions partitions, DatasetRepository datasets, ArtifactStore artifacts) {
        this.active = active;
        this.predictions = predictions;
        this.partitions = partitions;
        this.datasets = datasets;
        this.artifacts = artifacts;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        ActiveBatchPrediction prediction = active.require(step.getJobParameters());
        if (prediction.control().stopReason().isPresent()) {
            step.setTerminateOnly();
            return RepeatStatus.FINISHED;
        }
        List<String> parts = partsOf(prediction.prediction());
        StoredArtifact stored;
        ScoresFile.Evaluation evaluation;
        try (StagedArtifact staged = artifacts.stage();
             InputStream result = new CopiedInputStream(assembled(header(prediction.prediction()), parts),
                     staged.content())) {
            evaluation = ScoresFile.verify(new InputStreamReader(result, StandardCharsets.UTF_8),
                    prediction.prediction().rowsTotal(), () -> baseline(prediction));
            stored = staged.commit();
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

    /** The SHA-256 of every part, in partition order; all of them must have been scored. */
    private List<String> partsOf(BatchPrediction prediction) {
        List<PredictionPartition> scored = partitions.of(prediction.id()).stream()
                .filter(partition -> partition.status() == JobStatus.SUCCEEDED)
                .toList();
        if (scored.size() != prediction.partitions()) {
            throw new PermanentJobFailure("only " + scored.size() + " of the prediction's " + prediction.partitions()
                    + " partitions have been scored");
        }
        return scored.stream().map(partition -> partition.part().sha256()).toList();
    }

    private String header(BatchPrediction prediction) {
        long id = prediction.dataset().id();
        boolean labelled = datasets.findById(id)
                .map(dataset -> FeatureSchemaJson.fromTree(dataset.schema()).label() != null)
                .orElseThrow(() -> new PermanentJobFailure("dataset version " + id + " no longer exists in the "
                        + "catalog"));
        return ScoresFile.header(labelled);
    }

    /** The header, then each part as read (and verified) from the store, opened only when the one before ends. */
    private InputStream assembled(String header, List<String> parts) {
        Iterator<InputStream> streams = Stream.concat(
                Stream.of(new ByteArrayInputStream(header.getBytes(StandardCharsets.UTF_8))),
                parts.stream().map(this::open)).iterator();
        return new SequenceInputStream(new Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                return streams.hasNext();
            }

            @Override
            public InputStream nextElement() {
                return streams.next();
            }
        });
    }

    private InputStream open(String sha256) {
        try {
            return artifacts.openVerified(sha256);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the part " + sha256 + " of the result", e);
        }
    }

    /** Copies every byte read from the stream into another, so the result is stored in the pass that checks it. */
    private static final class CopiedInputStream extends FilterInputStream {

        private final OutputStream copy;

        CopiedInputStream(InputStream in, OutputStream copy) {
            super(in);
            this.copy = copy;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                copy.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                copy.write(buffer, offset, n);
            }
            return n;
        }

        @Override
        public long skip(long n) {
            return 0; // every byte must reach the copy
        }
    }
}
