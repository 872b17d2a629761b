package io.dinplatform.registry.artifact;

import java.nio.file.NoSuchFileException;

/** The catalog names an artifact that the store does not hold (deleted or never written). */
public class ArtifactNotFoundException extends NoSuchFileException {

    public ArtifactNotFoundException(String sha256) {
        super(sha256, null, "artifact not found in the store");
    }
}
