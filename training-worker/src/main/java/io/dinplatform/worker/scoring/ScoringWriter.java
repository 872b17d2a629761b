package io.dinplatform.worker.scoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ai.djl.Device;
import io.dinplatform.core.bundle.BundleReader;
import io.dinplatform.core.bundle.ModelBundle;
import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.serving.Scorer;
import io.dinplatform.core.serving.UnknownFeatures;
import io.dinplatform.core.serving.VocabularyTranslation;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.artifact.StoredArtifact;
import io.dinplatform.registry.scoring.BatchPrediction;
import io.dinplatform.registry.scoring.PredictionPartitions;
import io.dinplatform.worker.lease.PermanentJobFailure;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * Scores a chunk of a partition's rows in one forward pass of din-core's serving scorer (no autograd): the rows'
 * ids, read from the dataset's scoring shards, are translated into the model's own ({@link VocabularyTranslation}:
 * a value the model does not know to the unknown index, as the model's encoder maps a raw value), and the result
 * shows the rows' raw group, item and label decoded from the shards' vocabularies. It appends the scored rows to the
 * partition's part and records the partition's progress, in the chunk's transaction. With the partition's last row the part is committed
 * to the artifact store and recorded in the same transaction, so a partition is scored exactly when its part is.
 *
 * <p>The model bundle is loaded from the artifact store, its SHA-256 checked, when the step opens, and closed when it
 * closes. Every write about the partition is fenced by its lease: a refused one means another worker scores it
 * now, and this one stops at the next chunk boundary.
 */
public class ScoringWriter implements ItemStreamWriter<ShardRow> {

    private final ArtifactStore artifacts;
    private final PredictionPartitions partitions;
    private final ActivePartition partition;
    private final int batchSize;
    private ModelBundle bundle;
    private Scorer scorer;
    private VocabularyTranslation translation;
    private ResultColumns columns;
    private ScoresPart part;
    private long scored;

    /** @param batchSize the most rows of one forward pass: the chunk size */
    public ScoringWriter(ArtifactStore artifacts, PredictionPartitions partitions, ActivePartition partition,
                         int batchSize) {
        this.artifacts = artifacts;
        this.partitions = partitions;
        this.partition = partition;
        this.batchSize = batchSize;
    }

    @Override
    public void open(ExecutionContext context) throws ItemStreamException {
        String bundleSha256 = partition.prediction().model().bundleSha256();
        Device device = partition.device();
        try {
            Path path = artifacts.verifiedPath(bundleSha256);
            bundle = BundleReader.read(path, bundleSha256, device);
            scorer = new Scorer(bundle, batchSize);
            part = ScoresPart.stage(artifacts);
            scored = 0;
            if (partition.partition().rowCount() == 0) {
                commitPart();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the model bundle " + bundleSha256
                    + " or stage the partition's part", e);
        }
    }

    @Override
    public void write(Chunk<? extends ShardRow> rows) throws Exception {
        EncodedDataset gathered = gather(rows.getItems());
        if (translation == null) {
            translation = translationFor(gathered);
            columns = ResultColumns.of(gathered);
        }
        EncodedDataset encoded = translation.toModel(gathered);
        float[] scores = scorer.score(encoded, false).scores();
        Chunk<ScoredRow> lines = new Chunk<>();
        for (int i = 0; i < scores.length; i++) {
            lines.add(columns.line(rows.getItems().get(i), scores[i], UnknownFeatures.of(encoded, i)));
        }
        part.append(lines);
        scored += scores.length;
        if (!partitions.recordProgress(partition.lease(), scored)) {
            partition.control().leaseLost();
        } else if (scored == partition.partition().rowCount()) {
            commitPart();
        }
    }

    /** The chunk's rows, cut out of the shards they come from, in order. */
    private static EncodedDataset gather(List<? extends ShardRow> rows) {
        List<EncodedDataset> runs = new ArrayList<>(2);
        int start = 0;
        for (int i = 1; i <= rows.size(); i++) {
            if (i == rows.size() || rows.get(i).shard() != rows.get(start).shard()) {
                int[] indices = rows.subList(start, i).stream().mapToInt(ShardRow::index).toArray();
                runs.add(rows.get(start).shard().select(indices, 0, indices.length));
                start = i;
            }
        }
        return EncodedDataset.concatenate(runs);
    }

    /** The dataset-to-model id translation, built once from the shards' vocabularies and the bundle's. */
    private VocabularyTranslation translationFor(EncodedDataset rows) {
        try {
            return new VocabularyTranslation(rows.schema(), rows.vocabularies(), bundle.schema(),
                    bundle.vocabularies());
        } catch (IllegalArgumentException e) {
            throw new PermanentJobFailure("the dataset cannot be scored by this model: " + e.getMessage(), e);
        }
    }

    private void commitPart() throws IOException {
        StoredArtifact stored = part.commit();
        if (!partitions.recordPart(partition.lease(), new BatchPrediction.Result(stored.sha256(),
                stored.sizeBytes()))) {
            partition.control().leaseLost();
        }
    }

    @Override
    public void close() throws ItemStreamException {
        try {
            if (part != null) {
                part.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not discard the partition's part", e);
        } finally {
            part = null;
            if (bundle != null) {
                bundle.close();
                bundle = null;
                scorer = null;
                translation = null;
                columns = null;
            }
        }
    }
}
