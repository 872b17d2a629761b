package io.dinplatform.registry.artifact;

import java.io.IOException;

/** Stored content no longer matches its SHA-256 address: the artifact is corrupt and must not be used. */
public class ArtifactIntegrityException extends IOException {

    private final String expectedSha256;
    private final String actualSha256;

    public ArtifactIntegrityException(String expectedSha256, String actualSha256) {
        super("artifact " + expectedSha256 + " is corrupt: its content hashes to " + actualSha256);
        this.expectedSha256 = expectedSha256;
        this.actualSha256 = actualSha256;
    }

    public String expectedSha256() {
        return expectedSha256;
    }

    public String actualSha256() {
        return actualSha256;
    }
}
