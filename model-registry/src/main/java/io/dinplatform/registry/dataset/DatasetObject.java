package io.dinplatform.registry.dataset;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;

import io.dinplatform.registry.artifact.Sha256;

/**
 * One object of a dataset version registered by reference, as measured when the version was registered.
 *
 * @param location  where it lies: {@code s3://bucket/key} or {@code local:path} below the allowed directory
 * @param sha256    its content's SHA-256 then
 * @param sizeBytes its length then
 */
public record DatasetObject(String location, String sha256, long sizeBytes) {

    public DatasetObject {
        Objects.requireNonNull(location, "location");
        Sha256.requireValid(sha256);
    }

    /**
     * The SHA-256 of a list of objects, the identity of a version registered by reference: the same objects with the
     * same content, in the same order, give the same value (and so reuse the same shards).
     */
    public static String listingSha256(List<DatasetObject> objects) {
        MessageDigest digest = Sha256.newDigest();
        for (DatasetObject object : objects) {
            digest.update((object.sha256() + " " + object.sizeBytes() + " " + object.location() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return Sha256.hex(digest);
    }
}
