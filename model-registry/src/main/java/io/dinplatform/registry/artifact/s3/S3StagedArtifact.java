package io.dinplatform.registry.artifact.s3;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import io.dinplatform.registry.artifact.Sha256;
import io.dinplatform.registry.artifact.StagedArtifact;
import io.dinplatform.registry.artifact.StoredArtifact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * An artifact being written to an {@link S3ArtifactStore}: its content is hashed as it streams and gathered one
 * part at a time. The first full part starts a multipart upload to the staging key; the commit uploads the last
 * part, completes the upload, copies the object to its address (unless identical content is there) and deletes the
 * staging object. Content smaller than one part never starts an upload: the commit stores it under its address with
 * one PutObject. A discard aborts the upload, or deletes the staging object once the upload was completed.
 */
final class S3StagedArtifact implements StagedArtifact {

    private static final Logger log = LoggerFactory.getLogger(S3StagedArtifact.class);

    private final S3ArtifactStore store;
    private final S3Client client;
    private final String bucket;
    private final String stagingKey;
    private final int partSize;
    private final MessageDigest digest = Sha256.newDigest();
    private final List<CompletedPart> parts = new ArrayList<>();
    private final OutputStream content = new Content();
    private PartBuffer part = new PartBuffer();
    private String uploadId;
    private boolean uploadCompleted;
    private long size;
    private boolean committed;
    private boolean finished;

    S3StagedArtifact(S3ArtifactStore store, String stagingKey, int partSize) {
        this.store = store;
        this.client = store.client();
        this.bucket = store.bucket();
        this.stagingKey = stagingKey;
        this.partSize = partSize;
    }

    @Override
    public OutputStream content() {
        return content;
    }

    @Override
    public StoredArtifact commit() throws IOException {
        requireUnfinished();
        String sha256 = Sha256.hex(digest);
        String key = store.addressKey(sha256);
        try {
            boolean newlyStored = uploadId == null ? putWhole(key) : completeAndCopy(key);
            committed = true;
            finished = true;
            part = null;
            return new StoredArtifact(sha256, size, store.storageKey(sha256), newlyStored);
        } catch (IOException | RuntimeException | Error e) {
            discard(e);
            throw e;
        }
    }

    /** Content within one part: one request, straight to its address. */
    private boolean putWhole(String key) throws IOException {
        if (store.exists(key)) {
            return false;
        }
        store.call("storing " + key, () -> client.putObject(request -> request.bucket(bucket).key(key)
                .contentLength((long) part.size()), part.body()));
        return true;
    }

    private boolean completeAndCopy(String key) throws IOException {
        if (part.size() > 0) {
            uploadPart();
        }
        store.call("completing the upload of " + stagingKey, () -> client.completeMultipartUpload(request -> request
                .bucket(bucket).key(stagingKey).uploadId(uploadId).multipartUpload(upload -> upload.parts(parts))));
        uploadCompleted = true;
        part = null;
        boolean newlyStored = !store.exists(key);
        if (newlyStored) {
            store.call("copying " + stagingKey + " to " + key, () -> client.copyObject(request -> request
                    .sourceBucket(bucket).sourceKey(stagingKey).destinationBucket(bucket).destinationKey(key)));
        }
        deleteStagedObject();
        return newlyStored;
    }

    /** The artifact is in place: a staging object left behind is only litter, which the startup cleanup removes. */
    private void deleteStagedObject() {
        try {
            store.call("deleting " + stagingKey, () -> client.deleteObject(request -> request.bucket(bucket)
                    .key(stagingKey)));
        } catch (IOException e) {
            log.warn("Could not delete the staged object {}; it is removed when it expires", stagingKey, e);
        }
    }

    private void uploadPart() throws IOException {
        if (uploadId == null) {
            uploadId = store.call("starting an upload to " + stagingKey, () -> client.createMultipartUpload(
                    request -> request.bucket(bucket).key(stagingKey))).uploadId();
        }
        int partNumber = parts.size() + 1;
        String eTag = store.call("uploading part " + partNumber + " of " + stagingKey, () -> client.uploadPart(
                request -> request.bucket(bucket).key(stagingKey).uploadId(uploadId).partNumber(partNumber)
                        .contentLength((long) part.size()), part.body())).eTag();
        parts.add(CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
        part.reset();
    }

    @Override
    public void close() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        part = null;
        if (uploadCompleted) {
            store.call("deleting " + stagingKey, () -> client.deleteObject(request -> request.bucket(bucket)
                    .key(stagingKey)));
        } else if (uploadId != null) {
            store.call("aborting the upload to " + stagingKey, () -> client.abortMultipartUpload(request -> request
                    .bucket(bucket).key(stagingKey).uploadId(uploadId)));
        }
    }

    private void discard(Throwable failure) {
        try {
            close();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private void requireUnfinished() throws IOException {
        if (finished) {
            throw new IOException("the staged artifact was already " + (committed ? "committed" : "discarded"));
        }
    }

    /** Hashes and counts what it gathers, and sends each part as soon as it is full. */
    private final class Content extends OutputStream {

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            requireUnfinished();
            while (length > 0) {
                int taken = Math.min(length, partSize - part.size());
                part.write(bytes, offset, taken);
                digest.update(bytes, offset, taken);
                size += taken;
                offset += taken;
                length -= taken;
                if (part.size() == partSize) {
                    uploadPart();
                }
            }
        }
    }

    /** One part's bytes, sent without a copy and replayable when the SDK retries the request. */
    private static final class PartBuffer extends ByteArrayOutputStream {

        RequestBody body() {
            byte[] bytes = buf;
            int length = count;
            return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length,
                    "application/octet-stream");
        }
    }
}
