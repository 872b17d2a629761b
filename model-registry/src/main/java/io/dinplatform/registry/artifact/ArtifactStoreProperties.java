package io.dinplatform.registry.artifact;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The artifact store.
 *
 * @param directory where artifacts live ({@code din.artifacts.directory}); empty means
 *                  {@code ${din.data-dir}/artifacts}. Workers and the API must see the same directory (a shared
 *                  volume in a compose deployment).
 */
@ConfigurationProperties("din.artifacts")
public record ArtifactStoreProperties(Path directory) {
}
