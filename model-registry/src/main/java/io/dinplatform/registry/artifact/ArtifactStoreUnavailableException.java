package io.dinplatform.registry.artifact;

import java.io.IOException;

/**
 * The artifact store itself failed: it could not be reached, or it refused a request it should have accepted. The
 * message names the store (its endpoint and bucket, or its directory), so an operator knows where to look; the
 * request that met it changed nothing and may be retried once the store is back.
 */
public class ArtifactStoreUnavailableException extends IOException {

    public ArtifactStoreUnavailableException(String store, String reason, Throwable cause) {
        super("the artifact store " + store + " is unavailable: " + reason, cause);
    }
}
