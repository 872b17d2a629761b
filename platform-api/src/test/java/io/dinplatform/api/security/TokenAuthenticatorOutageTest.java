package io.dinplatform.api.security;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.dinplatform.api.AdjustableClock;
import io.dinplatform.api.RestartablePostgres;
import io.dinplatform.api.security.oidc.OidcProperties;
import io.dinplatform.registry.token.ApiTokenRepository;
import io.dinplatform.registry.token.ApiTokens;
import io.dinplatform.registry.token.TokenScope;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tokens while the catalog database is down, with the real token catalog on a real PostgreSQL that the test stops
 * and starts again, and a clock the test moves: a token verified before keeps working within and beyond its cache
 * period, asking the catalog at most once per period; a token never verified cannot be checked (the catalog's
 * error, which the API answers 503, see {@code DatabaseRestartTest}); the bootstrap token never needs the catalog.
 */
class TokenAuthenticatorOutageTest {

    private static final String BOOTSTRAP = "token-outage-test-bootstrap-token-0123456789";
    private static final Duration TTL = Duration.ofSeconds(10);

    @TempDir
    static Path directory;

    private static RestartablePostgres postgres;
    private static ApiTokens tokens;
    private static final AtomicInteger connectionAttempts = new AtomicInteger();

    private final AdjustableClock clock = new AdjustableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private TokenAuthenticator authenticator;

    @BeforeAll
    static void startCatalog() throws Exception {
        postgres = RestartablePostgres.start(directory.resolve("postgres"));
        DataSource database = new DriverManagerDataSource(postgres.jdbcUrl(), postgres.username(), "");
        Flyway.configure().dataSource(database).load().migrate();
        tokens = new ApiTokens(new ApiTokenRepository(JdbcClient.create(countingAttempts(database))));
    }

    @AfterAll
    static void stopCatalog() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void databaseUp() throws Exception {
        postgres.restart();
        authenticator = new TokenAuthenticator(tokens, new SecurityProperties(BOOTSTRAP, false, false, TTL,
                OidcProperties.off()), clock);
    }

    @Test
    void aTokenVerifiedBeforeTheOutageKeepsWorkingWithinAndBeyondItsCachePeriod() throws Exception {
        String text = tokens.issue("scoring", EnumSet.of(TokenScope.PREDICT)).secret();
        assertThat(authenticator.authenticate(text)).isPresent();

        postgres.stop();

        clock.advance(TTL.dividedBy(2));
        assertThat(authenticator.authenticate(text)).as("within the cache period")
                .hasValueSatisfying(token -> assertThat(token.name()).isEqualTo("scoring"));
        clock.advance(TTL.multipliedBy(30));
        assertThat(authenticator.authenticate(text)).as("long beyond the cache period")
                .hasValueSatisfying(token -> assertThat(token.allows(TokenScope.PREDICT)).isTrue());
    }

    @Test
    void duringAnOutageTheCatalogIsAskedAtMostOncePerCachePeriod() throws Exception {
        String text = tokens.issue("scoring", EnumSet.of(TokenScope.PREDICT)).secret();
        assertThat(authenticator.authenticate(text)).isPresent();
        postgres.stop();
        clock.advance(TTL.plusSeconds(1));

        int before = connectionAttempts.get();
        for (int request = 0; request < 5; request++) {
            assertThat(authenticator.authenticate(text)).isPresent();
        }
        assertThat(connectionAttempts.get() - before).as("tries of the catalog for 5 requests").isEqualTo(1);

        clock.advance(TTL.plusSeconds(1));
        assertThat(authenticator.authenticate(text)).isPresent();
        assertThat(connectionAttempts.get() - before).as("one more try after another period").isEqualTo(2);
    }

    @Test
    void aTokenNeverVerifiedCannotBeCheckedAndIsNotCalledInvalid() throws Exception {
        String text = tokens.issue("first used in the outage", EnumSet.of(TokenScope.READ)).secret();

        postgres.stop();
        assertThatThrownBy(() -> authenticator.authenticate(text)).isInstanceOf(DataAccessException.class);

        postgres.restart();
        assertThat(authenticator.authenticate(text)).as("checked once the catalog is back").isPresent();
    }

    @Test
    void theBootstrapTokenNeedsNoCatalog() throws Exception {
        postgres.stop();
        int before = connectionAttempts.get();

        assertThat(authenticator.authenticate(BOOTSTRAP)).hasValueSatisfying(token ->
                assertThat(token.scopes()).containsExactlyInAnyOrder(TokenScope.values()));
        assertThat(connectionAttempts.get()).isEqualTo(before);
    }

    /** The real database, with a count of how often anyone tried to reach it. */
    private static DataSource countingAttempts(DataSource database) {
        return new DelegatingDataSource(database) {
            @Override
            public Connection getConnection() throws SQLException {
                connectionAttempts.incrementAndGet();
                return super.getConnection();
            }
        };
    }
}
