package io.dinplatform.worker.steps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.dinplatform.core.data.DataFormatException;
import io.dinplatform.core.data.encode.ShardedDatasetEncoder;
import io.dinplatform.core.data.samples.SamplesSource;
import io.dinplatform.core.data.shard.InvalidShardException;
import io.dinplatform.core.data.shard.ShardManifest;
import io.dinplatform.core.data.shard.StoredShards;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSchemaJson;
import io.dinplatform.core.schema.InvalidSchemaException;
import io.dinplatform.registry.artifact.ArtifactIntegrityException;
import io.dinplatform.registry.artifact.ArtifactNotFoundException;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.dataset.EncodedDatasetRecord;
import io.dinplatform.registry.dataset.EncodedDatasetRepository;
import io.dinplatform.registry.reference.DatasetContent;
import io.dinplatform.registry.reference.ReferencedObjectChangedException;
import io.dinplatform.worker.lease.PermanentJobFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sharded dataset of each run executing on this worker.
 *
 * <p>A dataset version is encoded once per encoding key (its SHA-256 and the schema's vocabulary settings, see
 * {@link ShardedDatasetEncoder#key}): the shards, vocabularies and manifest go to the artifact store and the
 * {@code encoded_datasets} catalog maps the key to the manifest, so a second run, a resumed attempt and a worker on
 * another host read the shards instead of encoding again. Encoding is deterministic, so two workers that encode the
 * same key at once write the same artifacts and the first record stands.
 *
 * <p>A version registered by reference is read from its objects, each checked against the SHA-256 and size
 * registered: an object that changed fails the run for good, naming the object. Its encoding key is that of its
 * list of objects, so the same objects with the same content reuse their shards.
 *
 * <p>A shard found missing or corrupt (while opening here, or later while training) makes its encoding forgotten
 * and fails the attempt with a retryable error: the next attempt encodes again.
 */
public class PreparedDatasets {

    private static final Logger log = LoggerFactory.getLogger(PreparedDatasets.class);

    private final DatasetRepository datasets;
    private final EncodedDatasetRepository encodings;
    private final ArtifactStore artifacts;
    private final DatasetContent content;
    private final ShardProperties settings;
    private final Map<UUID, PreparedDataset> byRun = new ConcurrentHashMap<>();

    public PreparedDatasets(DatasetRepository datasets, EncodedDatasetRepository encodings, ArtifactStore artifacts,
                            DatasetContent content, ShardProperties settings) {
        this.datasets = datasets;
        this.encodings = encodings;
        this.artifacts = artifacts;
        this.content = content;
        this.settings = settings;
    }

    /** The run's dataset, its shards found or encoded on first use. */
    public PreparedDataset of(UUID runId, long datasetVersionId) {
        return byRun.computeIfAbsent(runId, id -> load(datasetVersionId));
    }

    /** The rows a training epoch shuffles together ({@link ShardProperties#shuffleBufferRows}). */
    public int shuffleBufferRows() {
        return settings.shuffleBufferRows();
    }

    /** Frees a finished (or released) run's dataset. */
    public void release(UUID runId) {
        byRun.remove(runId);
    }

    private PreparedDataset load(long datasetVersionId) {
        long start = System.nanoTime();
        DatasetVersion version = datasets.findById(datasetVersionId).orElseThrow(() -> new PermanentJobFailure(
                "dataset version " + datasetVersionId + " no longer exists in the catalog"));
        String label = "dataset " + version.name() + " version " + version.version();
        FeatureSchema schema = schema(version, label);
        ShardedDatasetEncoder encoder = new ShardedDatasetEncoder(schema, settings.rowsPerShard());
        String key = encoder.key(version.sha256());
        Optional<StoredShards> earlier = reuse(schema, key, label);
        if (earlier.isPresent()) {
            return new PreparedDataset(version, earlier.get(), key, true, Duration.ofNanos(System.nanoTime() - start));
        }
        StoredShards encoded = encode(encoder, key, version, schema, label, start);
        return new PreparedDataset(version, encoded, key, false, Duration.ofNanos(System.nanoTime() - start));
    }

    /** The shards of an earlier encoding with the key, if there is one and its manifest and vocabularies read. */
    private Optional<StoredShards> reuse(FeatureSchema schema, String key, String label) {
        Optional<EncodedDatasetRecord> known = encodings.find(key);
        if (known.isEmpty()) {
            return Optional.empty();
        }
        String manifest = known.get().manifestSha256();
        try {
            return Optional.of(StoredShards.open(schema, manifest, storeFor(key, manifest)));
        } catch (InvalidShardException e) {
            log.warn("The shards of {} (manifest {}) cannot be read ({}): encoding again", label, manifest,
                    e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the shards of " + label + ": " + e.getMessage(), e);
        }
    }

    private StoredShards encode(ShardedDatasetEncoder encoder, String key, DatasetVersion version,
                                FeatureSchema schema, String label, long start) {
        try {
            ArtifactShardStore writing = new ArtifactShardStore(artifacts, () -> { });
            ShardManifest manifest = encoder.encode(samplesOf(version), key, writing);
            String manifestSha256 = writing.write(manifest.toJson());
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            EncodedDatasetRecord record = encodings.record(key, version.sha256(), manifestSha256, manifest.rows(),
                    manifest.shardCount(), millis);
            log.info("Encoded {} into {} shards ({} rows) in {} ms", label, manifest.shardCount(), manifest.rows(),
                    millis);
            return StoredShards.open(schema, record.manifestSha256(), storeFor(key, record.manifestSha256()));
        } catch (ArtifactIntegrityException e) {
            throw new PermanentJobFailure("the file of " + label + " is corrupt: its SHA-256 is " + e.actualSha256()
                    + " but the catalog registered " + e.expectedSha256(), e);
        } catch (ArtifactNotFoundException e) {
            throw new PermanentJobFailure("the file of " + label + " (artifact " + version.sha256()
                    + ") is missing from the artifact store", e);
        } catch (ReferencedObjectChangedException e) {
            throw new PermanentJobFailure(label + " cannot be used: " + e.getMessage(), e);
        } catch (DataFormatException e) {
            throw new PermanentJobFailure(label + " cannot be encoded: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + label + ": " + e.getMessage(), e);
        }
    }

    /**
     * The version's samples: its stored file, hashed whole before any of it is used (a corrupt file must fail as
     * corrupt, not as whatever parse error its damage happens to cause), or its referenced objects, each checked
     * against what was registered as it is read (and a part with bad rows read to its end, so that a changed object
     * fails as changed).
     */
    private SamplesSource samplesOf(DatasetVersion version) throws IOException {
        if (!version.referenced()) {
            return SamplesSource.of(artifacts.verifiedPath(version.sha256()));
        }
        return new SamplesSource(content.partsOf(version).stream()
                .map(part -> new SamplesSource.Part(part.name(), part::open))
                .toList());
    }

    /** Reads the shards of one encoding; a shard found missing or corrupt forgets that encoding. */
    private ArtifactShardStore storeFor(String key, String manifestSha256) {
        return new ArtifactShardStore(artifacts, () -> {
            if (encodings.forget(key, manifestSha256)) {
                log.warn("Forgot the encoding {} (manifest {}): one of its artifacts is missing or corrupt, the "
                        + "next attempt encodes again", key, manifestSha256);
            }
        });
    }

    private static FeatureSchema schema(DatasetVersion version, String label) {
        try {
            return FeatureSchemaJson.fromTree(version.schema());
        } catch (InvalidSchemaException e) {
            throw new PermanentJobFailure("the schema of " + label + " is invalid: " + e.getMessage(), e);
        }
    }
}
