package io.dinplatform.registry.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server started from the binaries packaged in a jar, with its data in a directory that survives
 * restarts (the standalone platform's catalog). The first start initialises the directory; later starts reuse it.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String DATABASE = "postgres";
    private static final String USERNAME = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /** Starts a server on the configured data directory, first clearing what a killed predecessor left there. */
    public static EmbeddedPostgresServer start(Path dataDirectory, EmbeddedDatabaseProperties properties)
            throws IOException {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        Files.createDirectories(directory);
        LeftoverPostmaster.clear(directory, properties.stopTimeout());
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setPGStartupWait(properties.startupTimeout())
                // Spring stops the server when the context closes, after the beans that use it (the embedded
                // worker writes its shutdown checkpoint last); the library's own JVM hook could stop it first.
                .setRegisterShutdownHook(false)
                // The library tunes PostgreSQL for throw-away test databases (fsync and synchronous commit off);
                // this one is the platform's catalog, so a committed version must survive a crash.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "100");
        if (properties.port() > 0) {
            builder.setPort(properties.port());
        }
        long started = System.nanoTime();
        EmbeddedPostgres postgres = builder.start();
        log.info("Embedded PostgreSQL ready on port {} with data in {} ({} ms)", postgres.getPort(), directory,
                (System.nanoTime() - started) / 1_000_000);
        return new EmbeddedPostgresServer(postgres, directory);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    public String username() {
        return USERNAME;
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the server with a fast shutdown; the data stays. */
    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
