package io.dinplatform.worker.encoding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;

import io.dinplatform.core.data.DataFormatException;
import io.dinplatform.core.data.encode.ShardedDatasetEncoder;
import io.dinplatform.core.data.samples.SamplesSource;
import io.dinplatform.core.data.shard.InvalidShardException;
import io.dinplatform.core.data.shard.ShardManifest;
import io.dinplatform.core.data.shard.StoredShards;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.registry.artifact.ArtifactIntegrityException;
import io.dinplatform.registry.artifact.ArtifactNotFoundException;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.dataset.EncodedDatasetRecord;
import io.dinplatform.registry.dataset.EncodedDatasetRepository;
import io.dinplatform.registry.reference.DatasetContent;
import io.dinplatform.registry.reference.ReferencedObjectChangedException;
import io.dinplatform.worker.lease.PermanentJobFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shards of dataset versions, encoded once per encoding key and found again by it: what a training run and a
 * batch prediction read instead of the version's rows.
 *
 * <p>A dataset version is encoded once per encoding key (its SHA-256 and the encoder's settings, see
 * {@link ShardedDatasetEncoder#key}): the shards, vocabularies and manifest go to the artifact store and the
 * {@code encoded_datasets} catalog maps the key to the manifest, so a second run, a resumed attempt and a worker on
 * another host read the shards instead of encoding again. Encoding is deterministic, so two workers that encode the
 * same key at once write the same artifacts and the first record stands.
 *
 * <p>A version registered by reference is read from its objects, each checked against the SHA-256 and size
 * registered: an object that changed fails for good, naming the object. Its encoding key is that of its list of
 * objects, so the same objects with the same content reuse their shards.
 *
 * <p>A shard found missing or corrupt (while opening here, or later while reading) makes its encoding forgotten
 * and fails with a retryable error: the next attempt encodes again.
 */
public class DatasetEncodings {

    private static final Logger log = LoggerFactory.getLogger(DatasetEncodings.class);

    private final EncodedDatasetRepository encodings;
    private final ArtifactStore artifacts;
    private final DatasetContent content;

    public DatasetEncodings(EncodedDatasetRepository encodings, ArtifactStore artifacts, DatasetContent content) {
        this.encodings = encodings;
        this.artifacts = artifacts;
        this.content = content;
    }

    /** A version's shards as an encoder makes them, and whether an earlier encoding was reused. */
    public record Encoding(StoredShards shards, String key, boolean reused, Duration time) {
    }

    /**
     * The shards that the encoder makes of the version: an earlier encoding with the same key, else a new one.
     *
     * @param schema the schema the encoder encodes with, which the shards are read back by
     * @throws PermanentJobFailure when the version's data is missing, corrupt, changed or does not encode
     */
    public Encoding open(DatasetVersion version, FeatureSchema schema, ShardedDatasetEncoder encoder) {
        long start = System.nanoTime();
        String label = "dataset " + version.name() + " version " + version.version();
        String key = encoder.key(version.sha256());
        Optional<StoredShards> earlier = reuse(schema, key, label);
        if (earlier.isPresent()) {
            return new Encoding(earlier.get(), key, true, Duration.ofNanos(System.nanoTime() - start));
        }
        StoredShards encoded = encode(encoder, key, version, schema, label, start);
        return new Encoding(encoded, key, false, Duration.ofNanos(System.nanoTime() - start));
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
}
