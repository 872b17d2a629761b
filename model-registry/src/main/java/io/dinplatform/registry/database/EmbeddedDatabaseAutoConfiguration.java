package io.dinplatform.registry.database;

import java.io.IOException;

import io.dinplatform.registry.storage.DataDirectoryProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * The standalone default: with no {@code spring.datasource.url} (and no other source of connection details, such as
 * a Testcontainers service connection) the platform starts its own PostgreSQL and hands Boot its connection details,
 * so the pool, Flyway and Spring Batch are configured exactly as for an external database.
 */
// After the service-connection registrar, so that a Testcontainers @ServiceConnection database replaces this one.
@AutoConfiguration(before = DataSourceAutoConfiguration.class,
        afterName = "org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration")
@ConditionalOnClass(EmbeddedPostgres.class)
@ConditionalOnBooleanProperty(name = "din.database.embedded.enabled", matchIfMissing = true)
@Conditional(NoDataSourceUrlCondition.class)
@ConditionalOnMissingBean(JdbcConnectionDetails.class)
@EnableConfigurationProperties({DataDirectoryProperties.class, EmbeddedDatabaseProperties.class})
public class EmbeddedDatabaseAutoConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgresServer(DataDirectoryProperties data, EmbeddedDatabaseProperties properties)
            throws IOException {
        return EmbeddedPostgresServer.start(data.resolve(properties.directory(), "postgres"), properties);
    }

    @Bean
    JdbcConnectionDetails embeddedPostgresConnectionDetails(EmbeddedPostgresServer server) {
        return new EmbeddedPostgresConnectionDetails(server);
    }

    /** Connection details of the running embedded server; it trusts local connections, so the password is empty. */
    record EmbeddedPostgresConnectionDetails(EmbeddedPostgresServer server) implements JdbcConnectionDetails {

        @Override
        public String getUsername() {
            return server.username();
        }

        @Override
        public String getPassword() {
            return "";
        }

        @Override
        public String getJdbcUrl() {
            return server.jdbcUrl();
        }

        @Override
        public String getDriverClassName() {
            return DatabaseDriver.POSTGRESQL.getDriverClassName();
        }
    }
}
