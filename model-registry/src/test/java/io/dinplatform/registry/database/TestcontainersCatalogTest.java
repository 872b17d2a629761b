package io.dinplatform.registry.database;

import java.util.List;

import io.dinplatform.registry.RegistryTestApplication;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.registry.dataset.NewDatasetVersion;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same migrations and repositories against a PostgreSQL in a container, where a Docker engine exists: a
 * {@code @ServiceConnection} replaces the embedded server. Without Docker the class is skipped, loudly.
 */
@SpringBootTest(classes = RegistryTestApplication.class, properties = "din.data-dir=${java.io.tmpdir}/din-tc-test")
@Import(TestcontainersCatalogTest.Containers.class)
class TestcontainersCatalogTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DatasetRepository datasets;

    @Autowired(required = false)
    EmbeddedPostgresServer embedded;

    @BeforeAll
    static void requireDocker() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            String message = "SKIPPED: no Docker engine, so the Testcontainers PostgreSQL variant of the catalog tests "
                    + "does not run (the embedded-PostgreSQL tests cover the same migrations)";
            System.err.println(message);
            Assumptions.abort(message);
        }
    }

    @Test
    void migrationsAndNumberingWorkOnAContainerisedPostgres() {
        assertThat(embedded).as("the service connection replaces the embedded server").isNull();
        List<String> applied = jdbc.sql("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")
                .query(String.class).list();
        assertThat(applied).as("every migration on the class path, in order")
                .containsExactlyElementsOf(ShippedMigrations.versions());
        JsonMapper json = JsonMapper.shared();
        NewDatasetVersion version = new NewDatasetVersion("tc", "f".repeat(64), 1, 1, json.readTree("{}"),
                json.readTree("{}"), null, "ff/" + "f".repeat(62));
        assertThat(datasets.createNextVersion(version).version()).isEqualTo(1);
        assertThat(datasets.createNextVersion(version).version()).isEqualTo(2);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Containers {

        @Bean
        @ServiceConnection
        PostgreSQLContainer postgres() {
            return new PostgreSQLContainer("postgres:17-alpine");
        }
    }
}
