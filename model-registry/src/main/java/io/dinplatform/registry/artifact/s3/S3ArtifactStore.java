package io.dinplatform.registry.artifact.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

import io.dinplatform.registry.artifact.ArtifactCache;
import io.dinplatform.registry.artifact.ArtifactNotFoundException;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.artifact.ArtifactStoreUnavailableException;
import io.dinplatform.registry.artifact.Sha256;
import io.dinplatform.registry.artifact.StagedArtifact;
import io.dinplatform.registry.artifact.VerifyingInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An {@link ArtifactStore} in a bucket of an S3-compatible object store: artifact {@code abcdef...} is the object
 * {@code <prefix>ab/cdef...}, the directory store's layout.
 *
 * <p>A write ({@link #stage()}) hashes its content as it streams and holds one part ({@code part-size}) in memory at
 * most: content that fits one part is stored with one PutObject under its address at the commit; larger content
 * becomes a multipart upload to a staging key ({@code <prefix>staging/<uuid>}), completed on commit, copied to its
 * address and deleted, or aborted when discarded. Objects appear whole or not at all, so a reader never sees a
 * partial artifact under an address.
 *
 * <p>A read ({@link #openVerified}) streams the object and checks its SHA-256 at the end; {@link #verifiedPath}
 * serves readers that need a file from a bounded local {@link ArtifactCache}.
 *
 * <p>Every failure of the object store (unreachable, refused) is an {@link ArtifactStoreUnavailableException} that
 * names the endpoint and the bucket.
 *
 * <p>Limits: the move to the address is one server-side CopyObject, which S3 allows up to 5 GB per artifact (the
 * platform's uploads stop at {@code din.datasets.max-upload-size}, 2GB by default); an upload has at most 10,000
 * parts (160 GB at the default part size).
 */
public class S3ArtifactStore implements ArtifactStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3ArtifactStore.class);
    /** S3's smallest part but the last. */
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** A part is one array in memory. */
    static final long MAX_PART_SIZE = 1L << 30;
    static final String STAGING = "staging/";

    private final S3Client client;
    private final String bucket;
    private final String prefix;
    private final String description;
    private final int partSize;
    private final ArtifactCache cache;
    private final Clock clock;

    public S3ArtifactStore(S3Client client, S3ArtifactStoreProperties properties, ArtifactCache cache) {
        this(client, properties, cache, Clock.systemUTC());
    }

    S3ArtifactStore(S3Client client, S3ArtifactStoreProperties properties, ArtifactCache cache, Clock clock) {
        long partBytes = properties.partSize().toBytes();
        if (partBytes < MIN_PART_SIZE || partBytes > MAX_PART_SIZE) {
            throw new IllegalArgumentException("din.artifacts.s3.part-size must lie between 5MB and 1GB, got "
                    + properties.partSize());
        }
        this.client = client;
        this.bucket = properties.requiredBucket();
        this.prefix = properties.prefix();
        this.description = "s3://" + bucket + "/" + prefix + " at "
                + (properties.hasEndpoint() ? properties.endpoint() : "AWS (" + properties.region() + ")");
        this.partSize = (int) partBytes;
        this.cache = cache;
        this.clock = clock;
    }

    @Override
    public StagedArtifact stage() {
        return new S3StagedArtifact(this, prefix + STAGING + UUID.randomUUID(), partSize);
    }

    @Override
    public InputStream openVerified(String sha256) throws IOException {
        String key = addressKey(sha256);
        try {
            return new VerifyingInputStream(client.getObject(request -> request.bucket(bucket).key(key)), sha256);
        } catch (NoSuchKeyException e) {
            throw new ArtifactNotFoundException(sha256);
        } catch (SdkException e) {
            throw unavailable("reading artifact " + sha256, e);
        }
    }

    /** The artifact's file in the local cache, downloaded and verified when it is not there (or damaged). */
    @Override
    public Path verifiedPath(String sha256) throws IOException {
        return cache.verifiedPath(sha256, this::openVerified);
    }

    @Override
    public boolean contains(String sha256) {
        try {
            return exists(addressKey(sha256));
        } catch (ArtifactStoreUnavailableException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean delete(String sha256) throws IOException {
        String key = addressKey(sha256);
        boolean existed = exists(key);
        if (existed) {
            call("deleting artifact " + sha256, () -> client.deleteObject(request -> request.bucket(bucket).key(key)));
        }
        cache.remove(sha256);
        return existed;
    }

    @Override
    public String storageKey(String sha256) {
        Sha256.requireValid(sha256);
        return sha256.substring(0, 2) + "/" + sha256.substring(2);
    }

    @Override
    public void probe() throws IOException {
        call("checking the bucket", () -> client.headBucket(request -> request.bucket(bucket)));
    }

    /**
     * Removes the traces of writes that were never finished (their process died): multipart uploads and staged
     * objects under the staging prefix older than {@code age}. Returns how many it removed.
     */
    public int removeStagedOlderThan(Duration age) throws IOException {
        Instant cutoff = clock.instant().minus(age);
        String staging = prefix + STAGING;
        int removed = 0;
        try {
            for (MultipartUpload upload : client.listMultipartUploadsPaginator(request -> request
                    .bucket(bucket).prefix(staging)).uploads()) {
                if (upload.initiated().isBefore(cutoff)) {
                    client.abortMultipartUpload(request -> request.bucket(bucket).key(upload.key())
                            .uploadId(upload.uploadId()));
                    removed++;
                }
            }
            for (S3Object object : client.listObjectsV2Paginator(request -> request
                    .bucket(bucket).prefix(staging)).contents()) {
                if (object.lastModified().isBefore(cutoff)) {
                    client.deleteObject(request -> request.bucket(bucket).key(object.key()));
                    removed++;
                }
            }
        } catch (SdkException e) {
            throw unavailable("removing abandoned staged uploads", e);
        }
        return removed;
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return description;
    }

    S3Client client() {
        return client;
    }

    String bucket() {
        return bucket;
    }

    String addressKey(String sha256) {
        return prefix + storageKey(sha256);
    }

    boolean exists(String key) throws ArtifactStoreUnavailableException {
        try {
            client.headObject(request -> request.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw unavailable("looking up " + key, e);
        } catch (SdkException e) {
            throw unavailable("looking up " + key, e);
        }
    }

    /** Runs one request of the object store, naming the store and the action when it fails. */
    <T> T call(String action, Supplier<T> request) throws ArtifactStoreUnavailableException {
        try {
            return request.get();
        } catch (SdkException e) {
            throw unavailable(action, e);
        }
    }

    ArtifactStoreUnavailableException unavailable(String action, SdkException e) {
        log.debug("The artifact store {} failed {}", description, action, e);
        return new ArtifactStoreUnavailableException(description, action + " failed: " + e.getMessage(), e);
    }
}
