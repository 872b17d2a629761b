package io.dinplatform.api.serving.cache;

import java.io.IOException;

import io.dinplatform.core.bundle.InvalidBundleException;
import io.dinplatform.registry.artifact.ArtifactIntegrityException;

/**
 * A model version whose bundle cannot be loaded: its bytes no longer match the SHA-256 the registry recorded, or
 * they match but are not a bundle this platform can read. It cannot be served until the artifact is repaired (or the
 * version is replaced), though other versions, and other replicas with a whole copy, still can.
 */
public class CorruptBundleException extends IOException {

    private final transient ServedVersion version;

    CorruptBundleException(ServedVersion version, ArtifactIntegrityException cause) {
        super("model " + version.model() + " version " + version.version() + " cannot be served: its bundle "
                + cause.expectedSha256() + " is corrupt (its content hashes to " + cause.actualSha256() + ")", cause);
        this.version = version;
    }

    CorruptBundleException(ServedVersion version, InvalidBundleException cause) {
        super("model " + version.model() + " version " + version.version() + " cannot be served: its bundle "
                + version.bundleSha256() + " is corrupt (" + cause.getMessage() + ")", cause);
        this.version = version;
    }

    public ServedVersion version() {
        return version;
    }
}
