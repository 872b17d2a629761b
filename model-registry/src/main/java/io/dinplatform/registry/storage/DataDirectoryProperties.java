package io.dinplatform.registry.storage;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the platform keeps its state when nothing else is configured: the embedded PostgreSQL's data and the
 * artifact store live below this directory, so one directory holds everything a standalone installation owns.
 *
 * @param dataDir the root of the platform's state ({@code din.data-dir}, default {@code ./din-data})
 */
@ConfigurationProperties("din")
public record DataDirectoryProperties(@DefaultValue("./din-data") Path dataDir) {

    /** The configured directory if there is one, else {@code name} below the data directory. */
    public Path resolve(Path configured, String name) {
        return (configured != null ? configured : dataDir.resolve(name)).toAbsolutePath().normalize();
    }
}
