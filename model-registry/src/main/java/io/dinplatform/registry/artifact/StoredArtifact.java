package io.dinplatform.registry.artifact;

/**
 * An artifact in the store.
 *
 * @param sha256      the lowercase hex SHA-256 of the content, which is also its address
 * @param sizeBytes   the content's length
 * @param storageKey  where it lies, relative to the store
 * @param newlyStored false when identical content was already stored (content addressing deduplicates): a caller
 *                    that rolls back must then leave the artifact in place for its other owners
 */
public record StoredArtifact(String sha256, long sizeBytes, String storageKey, boolean newlyStored) {
}
