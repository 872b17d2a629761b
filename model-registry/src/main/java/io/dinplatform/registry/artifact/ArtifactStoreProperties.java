package io.dinplatform.registry.artifact;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The artifact store.
 *
 * @param type           where artifacts live ({@code din.artifacts.type}): {@code filesystem} (the default) in a
 *                       directory, {@code s3} in an S3-compatible object store ({@code din.artifacts.s3.*})
 * @param directory      the {@code filesystem} store's directory ({@code din.artifacts.directory}); empty means
 *                       {@code ${din.data-dir}/artifacts}. Workers and the API must see the same directory (a shared
 *                       volume in a compose deployment).
 * @param cacheDirectory where the {@code s3} store keeps local copies for memory-mapped reads
 *                       ({@code din.artifacts.cache-directory}); empty means {@code ${din.data-dir}/artifact-cache}
 * @param cacheSize      how much those local copies may take ({@code din.artifacts.cache-size}, default 10GB); the
 *                       least recently used go first
 */
@ConfigurationProperties("din.artifacts")
public record ArtifactStoreProperties(@DefaultValue("filesystem") Type type,
                                      Path directory,
                                      Path cacheDirectory,
                                      @DefaultValue("10GB") DataSize cacheSize) {

    public enum Type {
        FILESYSTEM, S3
    }
}
