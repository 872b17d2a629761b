package io.dinplatform.registry.reference;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a dataset version registered by reference may lie ({@code din.datasets.references.*}).
 *
 * @param localDirectory the directory whose files {@code local:} references may name, for the standalone platform
 *                       (its API and worker share the disk); unset, local references are refused
 * @param buckets        the buckets {@code s3://} references may name (with the artifact store's credentials);
 *                       empty, the artifact store's own bucket, outside the store's prefix
 * @param maxObjects     the most objects one version may reference
 */
@ConfigurationProperties("din.datasets.references")
public record DataReferenceProperties(Path localDirectory,
                                      @DefaultValue List<String> buckets,
                                      @DefaultValue("10000") int maxObjects) {

    public DataReferenceProperties {
        if (maxObjects < 1) {
            throw new IllegalArgumentException("din.datasets.references.max-objects must be positive");
        }
        buckets = List.copyOf(buckets);
    }
}
