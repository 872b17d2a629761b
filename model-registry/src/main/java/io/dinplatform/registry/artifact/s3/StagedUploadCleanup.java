package io.dinplatform.registry.artifact.s3;

import java.io.IOException;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Once the process is up, removes the staged uploads that writes of dead processes left behind (older than
 * {@code din.artifacts.s3.staging-expiry}, so that no live write loses its upload). A store that cannot be reached
 * now delays the cleanup to the next start; it never stops this one.
 */
public class StagedUploadCleanup implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(StagedUploadCleanup.class);

    private final S3ArtifactStore store;
    private final Duration expiry;

    public StagedUploadCleanup(S3ArtifactStore store, Duration expiry) {
        this.store = store;
        this.expiry = expiry;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        try {
            int removed = store.removeStagedOlderThan(expiry);
            if (removed > 0) {
                log.info("Removed {} abandoned staged uploads older than {} from {}", removed, expiry, store);
            }
        } catch (IOException e) {
            log.warn("Could not remove abandoned staged uploads: {}", e.getMessage());
        }
    }
}
