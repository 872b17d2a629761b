package io.dinplatform.api.monitoring;

import java.io.IOException;

import io.dinplatform.registry.artifact.ArtifactStore;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code artifactStore} component of {@code /actuator/health}: UP while the store can take writes (the
 * directory's writability, or a HeadBucket on the object store), DOWN with the store's error otherwise. It names the
 * store (directory, or endpoint and bucket), never its credentials.
 */
public class ArtifactStoreHealthIndicator implements HealthIndicator {

    private final ArtifactStore store;

    public ArtifactStoreHealthIndicator(ArtifactStore store) {
        this.store = store;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        try {
            store.probe();
        } catch (IOException | RuntimeException e) {
            health = Health.down().withDetail("error", e.getMessage());
        }
        return health.withDetail("store", store.toString()).build();
    }
}
