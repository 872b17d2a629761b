package io.dinplatform.api;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.dinplatform.registry.database.EmbeddedDatabaseProperties;
import io.dinplatform.registry.database.EmbeddedPostgresServer;

/**
 * A real PostgreSQL server that a test stops and starts again on the same port and data directory, so that to its
 * clients it looks like a database restart: connections fail while it is down and succeed again, at the same
 * address, once it is back.
 */
public final class RestartablePostgres implements AutoCloseable {

    private final EmbeddedDatabaseProperties properties;
    private final String jdbcUrl;
    private final String username;
    /** Null while stopped. */
    private EmbeddedPostgresServer server;

    private RestartablePostgres(EmbeddedDatabaseProperties properties) throws IOException {
        this.properties = properties;
        this.server = EmbeddedPostgresServer.start(properties.directory(), properties);
        this.jdbcUrl = server.jdbcUrl();
        this.username = server.username();
    }

    /** Starts a server on a free port with its data in {@code directory}. */
    public static RestartablePostgres start(Path directory) throws IOException {
        return new RestartablePostgres(new EmbeddedDatabaseProperties(true, freePort(), directory,
                Duration.ofSeconds(60), Duration.ofSeconds(30)));
    }

    /** Shuts the server down; its data stays. */
    public void stop() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Starts the server again on the same port and data. */
    public void restart() throws IOException {
        if (server == null) {
            server = EmbeddedPostgresServer.start(properties.directory(), properties);
        }
    }

    /** The address, valid across restarts. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return username;
    }

    /** The Spring properties that make a platform use this server as its external database. */
    public List<String> datasourceProperties() {
        return List.of("spring.datasource.url=" + jdbcUrl(), "spring.datasource.username=" + username(),
                "spring.datasource.password=");
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
