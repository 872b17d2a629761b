package io.dinplatform.worker.scoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import ai.djl.Device;
import io.dinplatform.core.bundle.BundleReader;
import io.dinplatform.core.bundle.ModelBundle;
import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.encode.InvalidInstanceException;
import io.dinplatform.core.serving.Scorer;
import io.dinplatform.core.serving.UnknownFeatures;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.worker.lease.PermanentJobFailure;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.batch.infrastructure.item.file.FlatFileItemWriter;

/**
 * Scores a chunk of dataset rows in one forward pass of din-core's serving scorer (no autograd; the model's own
 * vocabularies, unknown values to the unknown index) and appends the scored rows to the scores file.
 *
 * <p>The model bundle is loaded from the artifact store, its SHA-256 checked, when the step opens, and closed when it
 * closes; the file's restart bookkeeping is the {@link FlatFileItemWriter}'s, to which open, update and close pass on.
 */
public class ScoringWriter implements ItemStreamWriter<DatasetRow> {

    private final ArtifactStore artifacts;
    private final String bundleSha256;
    private final Device device;
    private final int batchSize;
    private final FlatFileItemWriter<ScoredRow> file;
    private ModelBundle bundle;
    private Scorer scorer;

    /**
     * @param bundleSha256 the model version's bundle
     * @param batchSize    the most rows of one forward pass: the chunk size
     * @param file         the scores file's writer
     */
    public ScoringWriter(ArtifactStore artifacts, String bundleSha256, Device device, int batchSize,
                         FlatFileItemWriter<ScoredRow> file) {
        this.artifacts = artifacts;
        this.bundleSha256 = bundleSha256;
        this.device = device;
        this.batchSize = batchSize;
        this.file = file;
    }

    @Override
    public void open(ExecutionContext context) throws ItemStreamException {
        try {
            Path path = artifacts.verifiedPath(bundleSha256);
            bundle = BundleReader.read(path, bundleSha256, device);
        } catch (IOException e) {
            throw new UncheckedIOException("could not load the model bundle " + bundleSha256, e);
        }
        scorer = new Scorer(bundle, batchSize);
        file.open(context);
    }

    @Override
    public void write(Chunk<? extends DatasetRow> rows) throws Exception {
        EncodedDataset encoded;
        try {
            encoded = scorer.encode(rows.getItems().stream().map(DatasetRow::instance).toList());
        } catch (InvalidInstanceException e) {
            throw new PermanentJobFailure("row " + rows.getItems().get(e.instance()).row()
                    + " of the dataset cannot be scored by this model: " + e.getMessage(), e);
        }
        float[] scores = scorer.score(encoded, false).scores();
        Chunk<ScoredRow> scored = new Chunk<>();
        for (int i = 0; i < scores.length; i++) {
            scored.add(ScoredRow.of(rows.getItems().get(i), scores[i], UnknownFeatures.of(encoded, i)));
        }
        file.write(scored);
    }

    @Override
    public void update(ExecutionContext context) throws ItemStreamException {
        file.update(context);
    }

    @Override
    public void close() throws ItemStreamException {
        try {
            file.close();
        } finally {
            if (bundle != null) {
                bundle.close();
                bundle = null;
                scorer = null;
            }
        }
    }
}
