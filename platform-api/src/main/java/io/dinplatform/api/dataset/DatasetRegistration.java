package io.dinplatform.api.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.dinplatform.api.ResourceNames;
import io.dinplatform.api.permission.ResourceAccess;
import io.dinplatform.core.data.DataFormatException;
import io.dinplatform.core.data.GroupSplitter;
import io.dinplatform.core.data.samples.SampleRow;
import io.dinplatform.core.data.samples.SamplesReader;
import io.dinplatform.core.data.samples.SamplesSource;
import io.dinplatform.core.data.stats.DatasetStatistics;
import io.dinplatform.core.data.stats.StatisticsCollector;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSchemaJson;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.artifact.StagedArtifact;
import io.dinplatform.registry.artifact.StoredArtifact;
import io.dinplatform.registry.dataset.DatasetItem;
import io.dinplatform.registry.dataset.DatasetObject;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.dataset.NewDatasetVersion;
import io.dinplatform.registry.permission.ProtectedResource;
import io.dinplatform.registry.reference.DatasetReferences;
import io.dinplatform.registry.reference.MeasuredObjectStream;
import io.dinplatform.registry.reference.ObjectStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.InputStreamSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Registers a samples file as the next version of a dataset, all or nothing: uploaded, or named where it lies.
 *
 * <p>The upload is read once: as din-core's reader decompresses it, checks every row against the schema and
 * computes the statistics, the bytes it reads are copied, as uploaded, into a staged artifact. A bad file is refused
 * with its row and column and its staged copy discarded, so it leaves no trace. A good one is committed to the
 * artifact store and the version recorded together with its items table, in one transaction; if recording fails,
 * an artifact this registration created (and nothing else references) is deleted again.
 *
 * <p>The version is recorded in the transaction that locks its dataset, creating it owned by the caller if the name
 * is new, and checks there that the caller may add to it: so of two callers uploading to one new name at once, the
 * second adds to the first's dataset only if the first's permissions let it.
 */
@Service
public class DatasetRegistration {

    private static final Logger log = LoggerFactory.getLogger(DatasetRegistration.class);

    private final DatasetRepository datasets;
    private final ArtifactStore artifacts;
    private final JsonMapper json;
    private final DatasetLimits limits;
    private final DatasetReferences references;
    private final ResourceAccess access;
    private final TransactionOperations transactions;

    public DatasetRegistration(DatasetRepository datasets, ArtifactStore artifacts, JsonMapper json,
                               DatasetLimits limits, DatasetReferences references, ResourceAccess access,
                               TransactionOperations transactions) {
        this.datasets = datasets;
        this.artifacts = artifacts;
        this.json = json;
        this.limits = limits;
        this.references = references;
        this.access = access;
        this.transactions = transactions;
    }

    /** Registers an upload whose schema arrives as JSON text, with its items table (possibly empty). */
    public DatasetVersion register(String name, String schemaJson, InputStreamSource content, JsonNode origin,
                                   List<DatasetItem> items) throws IOException {
        ResourceNames.requireValidName("name", name);
        FeatureSchema schema = FeatureSchemaJson.parse(schemaJson == null ? "" : schemaJson);
        return register(name, schema, content, origin, items);
    }

    /**
     * Registers a samples file (plain or gzipped CSV) read once from {@code content}, with its items table (possibly
     * empty), which the catalog records in the same transaction as the version.
     */
    public DatasetVersion register(String name, FeatureSchema schema, InputStreamSource content, JsonNode origin,
                                   List<DatasetItem> items) throws IOException {
        ResourceNames.requireValidName("name", name);
        limits.check(schema);
        DatasetStatistics statistics;
        StoredArtifact stored;
        try (StagedArtifact staged = artifacts.stage(); InputStream upload = content.getInputStream()) {
            statistics = checkWhileCopying(schema, upload, staged.content());
            stored = staged.commit();
        }
        return record(name, schema, statistics, stored, origin, items);
    }

    /**
     * Registers data named where it lies: every object the references name is read once, in order, checked and
     * counted into the statistics as one samples file while its SHA-256 and size are measured; the version records
     * the objects with those measures, its origin the references as sent, and its items table. Nothing is copied,
     * and a bad object records nothing.
     */
    public DatasetVersion registerReferenced(String name, String schemaJson, List<String> references,
                                             List<DatasetItem> items) throws IOException {
        ResourceNames.requireValidName("name", name);
        FeatureSchema schema = FeatureSchemaJson.parse(schemaJson == null ? "" : schemaJson);
        limits.check(schema);
        List<MeasuredObjectStream> read = new ArrayList<>();
        List<SamplesSource.Part> parts = new ArrayList<>();
        for (ObjectStorage.FoundObject object : this.references.resolve(references)) {
            parts.add(new SamplesSource.Part(object.location().toString(), () -> {
                MeasuredObjectStream in = this.references.openToMeasure(object);
                read.add(in);
                return in;
            }));
        }
        StatisticsCollector collector = new StatisticsCollector(schema);
        new SamplesReader(schema, GroupSplitter.DEFAULT, limits.textLimit())
                .read(new SamplesSource(parts), atMostMaxRows(collector));
        List<DatasetObject> objects = read.stream().map(MeasuredObjectStream::measured).toList();
        DatasetStatistics statistics = collector.statistics();
        ObjectNode origin = json.createObjectNode().put("kind", "reference").put("objects", objects.size());
        origin.set("references", json.valueToTree(references));
        return recordForCaller(new NewDatasetVersion(name, DatasetObject.listingSha256(objects),
                objects.stream().mapToLong(DatasetObject::sizeBytes).sum(), statistics.rows(),
                FeatureSchemaJson.toTree(schema), json.valueToTree(statistics), origin, null, objects, items));
    }

    /** Reads the upload once, checking it and computing its statistics while every byte goes to {@code copy}. */
    private DatasetStatistics checkWhileCopying(FeatureSchema schema, InputStream upload, OutputStream copy)
            throws IOException {
        InputStream copied = new CopyingInputStream(upload, copy);
        StatisticsCollector collector = new StatisticsCollector(schema);
        new SamplesReader(schema, GroupSplitter.DEFAULT, limits.textLimit()).read(copied, atMostMaxRows(collector));
        // the reader stops at the end of a gzip stream: whatever follows it is part of the upload all the same
        copied.transferTo(OutputStream.nullOutputStream());
        return collector.statistics();
    }

    /** Records the version of a committed artifact, deleting the artifact again if the catalog refuses it. */
    private DatasetVersion record(String name, FeatureSchema schema, DatasetStatistics statistics,
                                  StoredArtifact stored, JsonNode origin, List<DatasetItem> items) {
        try {
            return recordForCaller(new NewDatasetVersion(name, stored.sha256(), stored.sizeBytes(),
                    statistics.rows(), FeatureSchemaJson.toTree(schema), json.valueToTree(statistics), origin,
                    stored.storageKey()).withItems(items));
        } catch (RuntimeException e) {
            discard(stored);
            throw e;
        }
    }

    /** Records the version in the transaction that locks its dataset and checks the caller's permission on it. */
    private DatasetVersion recordForCaller(NewDatasetVersion version) {
        return transactions.execute(status -> {
            access.lockForAddition(ProtectedResource.DATASET, version.name());
            return datasets.createNextVersion(version);
        });
    }

    /** Passes rows on until there are more than {@code din.datasets.max-rows}, then refuses the file. */
    private Consumer<SampleRow> atMostMaxRows(Consumer<SampleRow> consumer) {
        long[] rows = {0};
        return row -> {
            if (++rows[0] > limits.maxRows()) {
                throw DataFormatException.of(row.row(), null, "the file has more than " + limits.maxRows()
                        + " rows (setting din.datasets.max-rows)");
            }
            consumer.accept(row);
        };
    }

    /** Deletes an artifact written for a registration that failed, unless other versions share the content. */
    private void discard(StoredArtifact stored) {
        try {
            if (stored.newlyStored() && !datasets.isArtifactReferenced(stored.sha256())) {
                artifacts.delete(stored.sha256());
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Could not remove artifact {} of a failed registration", stored.sha256(), e);
        }
    }
}
