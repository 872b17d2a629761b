package io.dinplatform.api.serving;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import io.dinplatform.api.PlatformApiApplication;
import io.dinplatform.registry.model.ModelCatalogChange;
import io.dinplatform.registry.model.ModelChangeAnnouncer;
import io.dinplatform.registry.model.ModelChangeChannel;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.model.NewModelVersion;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Serving follows alias and version changes before its cached resolutions expire, whoever makes them: this process
 * (announced in-process, seen by the next request), another platform process through its own repository, or plain
 * SQL with a notification (both relayed from PostgreSQL). The time to live is an hour here, so only the
 * announcements can make a change visible.
 */
@SpringBootTest(classes = PlatformApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"din.worker.embedded=false", "din.serving.resolution-ttl=1h",
                "din.security.bootstrap-token=model-changes-serving-test-token-0123456789"})
class ModelChangesServingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    ResolutionCache resolutions;

    @Autowired
    ModelRepository models;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) throws IOException {
        Path directory = Files.createTempDirectory("din-model-changes-test-");
        registry.add("din.data-dir", directory::toString);
    }

    @Test
    void aChangeMadeInThisProcessIsServedByTheNextRequest() {
        String name = modelWithVersions(2);
        models.moveAlias(name, "production", 1);
        assertThat(servedVersion(name)).isEqualTo(1);

        models.moveAlias(name, "production", 2);

        assertThat(servedVersion(name)).isEqualTo(2);
    }

    @Test
    void aVersionRegisteredByAnotherProcessIsServedBeforeTheCacheExpires() {
        String name = modelWithVersions(1);
        assertThat(servedVersion(name)).isEqualTo(1);

        anotherProcess().createNextVersion(newVersion(name));

        await().atMost(PATIENCE).until(() -> servedVersion(name) == 2);
    }

    @Test
    void anAliasMovedWithPlainSqlIsServedOnceItsNotificationArrives() {
        String name = modelWithVersions(2);
        models.moveAlias(name, "production", 1);
        assertThat(servedVersion(name)).isEqualTo(1);

        pointAliasWithSql(name, 2);
        assertThat(servedVersion(name)).as("unannounced: the cached resolution stands").isEqualTo(1);

        transactions.executeWithoutResult(status -> {
            pointAliasWithSql(name, 2);
            jdbc.sql("SELECT pg_notify(?, ?)")
                    .params(ModelChangeChannel.NAME, "a-script " + ModelCatalogChange.Kind.ALIAS_MOVED + " " + name)
                    .query().listOfRows();
        });

        await().atMost(PATIENCE).until(() -> servedVersion(name) == 2);
    }

    private int servedVersion(String name) {
        return resolutions.resolve(name, null, null).version();
    }

    private String modelWithVersions(int versions) {
        String name = "changes-" + UUID.randomUUID();
        for (int i = 0; i < versions; i++) {
            models.createNextVersion(newVersion(name));
        }
        return name;
    }

    /** A repository as another platform process holds it: its own origin, its own in-process events. */
    private ModelRepository anotherProcess() {
        return new ModelRepository(jdbc, new ModelChangeAnnouncer(jdbc, ModelChangeChannel.forThisProcess(),
                event -> {
                    // that process's events stay in that process
                }));
    }

    private void pointAliasWithSql(String name, int version) {
        jdbc.sql("""
                        UPDATE model_aliases SET model_version_id = (
                            SELECT mv.id FROM model_versions mv JOIN registered_models m ON m.id = mv.model_id
                            WHERE m.name = ? AND mv.version = ?)
                        WHERE alias = 'production' AND model_id = (SELECT id FROM registered_models WHERE name = ?)
                        """)
                .params(name, version, name).update();
    }

    private static NewModelVersion newVersion(String name) {
        return new NewModelVersion(name, null, null, "d".repeat(64), null, null);
    }
}
