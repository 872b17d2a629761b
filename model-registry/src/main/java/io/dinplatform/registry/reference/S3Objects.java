package io.dinplatform.registry.reference;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.dinplatform.registry.artifact.ArtifactStoreUnavailableException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The objects that {@code s3://} references may name: in the allowed buckets of the artifact store's object storage,
 * read with its credentials, and never among the store's own artifacts (its bucket below its prefix).
 */
public final class S3Objects implements ObjectStorage, AutoCloseable {

    private final S3Client client;
    private final Set<String> buckets;
    private final String storeBucket;
    private final String storePrefix;
    private final String description;

    /**
     * @param buckets     the buckets references may name; empty, only the store's bucket
     * @param storeBucket the artifact store's bucket
     * @param storePrefix the artifact store's key prefix in it
     * @param description the object store, for messages (its endpoint)
     */
    public S3Objects(S3Client client, List<String> buckets, String storeBucket, String storePrefix,
                     String description) {
        this.client = client;
        this.buckets = buckets.isEmpty() ? Set.of(storeBucket) : Set.copyOf(buckets);
        this.storeBucket = storeBucket;
        this.storePrefix = storePrefix;
        this.description = description;
    }

    @Override
    public List<FoundObject> list(DataLocation location) throws IOException {
        requireAllowed(location);
        return location.prefix() ? listPrefix(location) : List.of(head(location));
    }

    private FoundObject head(DataLocation location) throws IOException {
        try {
            long size = client.headObject(r -> r.bucket(location.container()).key(location.path())).contentLength();
            return new FoundObject(location, size);
        } catch (NoSuchKeyException e) {
            throw new InvalidDataReferenceException(location.toString(), "names no object (write s3://bucket/prefix/"
                    + " with a final '/' for every object under a prefix)");
        } catch (S3Exception e) {
            throw refused(location, "looking up", e);
        } catch (SdkException e) {
            throw unavailable("looking up " + location, e);
        }
    }

    private List<FoundObject> listPrefix(DataLocation location) throws IOException {
        List<FoundObject> found = new ArrayList<>();
        try {
            for (S3Object object : client.listObjectsV2Paginator(r -> r.bucket(location.container())
                    .prefix(location.path())).contents()) {
                String below = object.key().substring(location.path().length());
                if (!object.key().endsWith("/") && !hiddenBelow(below) && !amongArtifacts(location.container(),
                        object.key())) {
                    found.add(new FoundObject(location.withPath(object.key()), object.size()));
                }
            }
        } catch (S3Exception e) {
            throw refused(location, "listing", e);
        } catch (SdkException e) {
            throw unavailable("listing " + location, e);
        }
        if (found.isEmpty()) {
            throw new InvalidDataReferenceException(location.toString(), "names a prefix without objects");
        }
        return found;
    }

    private static boolean hiddenBelow(String relativeKey) {
        for (String name : relativeKey.split("/")) {
            if (ObjectStorage.hidden(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public OpenedObject open(DataLocation location) throws IOException {
        try {
            ResponseInputStream<GetObjectResponse> content = client.getObject(r -> r.bucket(location.container())
                    .key(location.path()));
            return new OpenedObject(content, content.response().contentLength());
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(location.toString());
        } catch (SdkException e) {
            throw unavailable("reading " + location, e);
        }
    }

    private void requireAllowed(DataLocation location) {
        if (!buckets.contains(location.container())) {
            throw new InvalidDataReferenceException(location.toString(), "names a bucket that references may not"
                    + " name (setting din.datasets.references.buckets)");
        }
        if (amongArtifacts(location.container(), location.path())) {
            throw new InvalidDataReferenceException(location.toString(), "lies among the platform's own artifacts");
        }
    }

    private boolean amongArtifacts(String bucket, String key) {
        return bucket.equals(storeBucket) && key.startsWith(storePrefix);
    }

    /**
     * A refusal of the store: a 4xx about this location (access denied, no such bucket) is the reference's fault, a
     * 5xx the store's.
     */
    private IOException refused(DataLocation location, String action, S3Exception e) {
        if (e.statusCode() >= 500) {
            return unavailable(action + " " + location, e);
        }
        String reason = e.awsErrorDetails() == null ? "status " + e.statusCode() : e.awsErrorDetails().errorCode();
        throw new InvalidDataReferenceException(location.toString(), "cannot be read with the platform's "
                + "credentials (" + reason + ")");
    }

    private ArtifactStoreUnavailableException unavailable(String action, SdkException e) {
        return new ArtifactStoreUnavailableException(description, action + " failed: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        client.close();
    }
}
