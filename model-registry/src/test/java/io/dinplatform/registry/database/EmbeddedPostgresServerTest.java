package io.dinplatform.registry.database;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded server's data survives restarts, including a restart after the platform was killed. */
class EmbeddedPostgresServerTest {

    private static final EmbeddedDatabaseProperties PROPERTIES =
            new EmbeddedDatabaseProperties(true, 0, null, Duration.ofSeconds(60), Duration.ofSeconds(30));

    @TempDir
    Path dataDir;

    @Test
    void aRestartReusesTheDataDirectory() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, PROPERTIES)) {
            execute(server, "CREATE TABLE kept (v INT); INSERT INTO kept VALUES (42)");
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, PROPERTIES)) {
            assertThat(queryInt(server, "SELECT v FROM kept")).isEqualTo(42);
        }
    }

    @Test
    void aStalePidFileOfADeadProcessDoesNotBlockTheStart() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, PROPERTIES)) {
            execute(server, "CREATE TABLE kept (v INT); INSERT INTO kept VALUES (7)");
        }
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Files.writeString(dataDir.resolve("postmaster.pid"), finished.pid() + "\n" + dataDir + "\n");

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, PROPERTIES)) {
            assertThat(queryInt(server, "SELECT v FROM kept")).isEqualTo(7);
        }
    }

    @Test
    void aServerLeftRunningByAKilledPlatformIsStoppedAndItsDataKept() throws Exception {
        Process platform = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KilledPlatform.class.getName(), dataDir.toString())
                .redirectErrorStream(true).start();
        try {
            awaitReady(platform);
            platform.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
            assertThat(Files.readString(dataDir.resolve("postmaster.pid"))).as("the orphaned server still runs")
                    .isNotBlank();

            try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, PROPERTIES)) {
                assertThat(queryInt(server, "SELECT v FROM kept")).isEqualTo(1);
            }
        } finally {
            platform.destroyForcibly();
        }
    }

    @Test
    void aDirectoryInUseByARunningServerIsLeftAlone() throws Exception {
        try (EmbeddedPostgresServer running = EmbeddedPostgresServer.start(dataDir, PROPERTIES)) {
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir, PROPERTIES))
                    .hasMessageContaining("in use by another running platform");
            assertThat(queryInt(running, "SELECT 1")).as("the running server was not stopped").isEqualTo(1);
        }
    }

    private static void awaitReady(Process platform) throws IOException {
        BufferedReader output = new BufferedReader(new InputStreamReader(platform.getInputStream(),
                StandardCharsets.UTF_8));
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.equals(KilledPlatform.READY)) {
                return;
            }
        }
        throw new IllegalStateException("the platform process ended before its database was ready");
    }

    static void execute(EmbeddedPostgresServer server, String sql) throws SQLException {
        try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int queryInt(EmbeddedPostgresServer server, String sql) throws SQLException {
        try (Connection connection = connect(server); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getInt(1);
        }
    }

    private static Connection connect(EmbeddedPostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.username(), "");
    }

    /** A platform process that starts its database, writes a row and waits to be killed. */
    public static final class KilledPlatform {

        static final String READY = "database ready";

        public static void main(String[] args) throws Exception {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]), PROPERTIES);
            execute(server, "CREATE TABLE kept (v INT); INSERT INTO kept VALUES (1)");
            System.out.println(READY);
            System.out.flush();
            Thread.sleep(Duration.ofMinutes(5).toMillis());
        }
    }
}
