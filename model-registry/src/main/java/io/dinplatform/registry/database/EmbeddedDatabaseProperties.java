package io.dinplatform.registry.database;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL that a standalone platform starts when no {@code spring.datasource.url} is given.
 *
 * @param enabled        whether to start it at all ({@code din.database.embedded.enabled})
 * @param port           the TCP port on 127.0.0.1; 0 picks a free one at every start
 * @param directory      the data directory; empty means {@code ${din.data-dir}/postgres}
 * @param startupTimeout how long to wait for the server to accept connections
 * @param stopTimeout    how long a PostgreSQL left running by a killed platform gets to shut down before it is
 *                       killed
 */
@ConfigurationProperties("din.database.embedded")
public record EmbeddedDatabaseProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("0") int port,
        Path directory,
        @DefaultValue("60s") Duration startupTimeout,
        @DefaultValue("30s") Duration stopTimeout) {
}
