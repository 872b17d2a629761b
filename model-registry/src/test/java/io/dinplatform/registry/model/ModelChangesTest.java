package io.dinplatform.registry.model;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.dinplatform.registry.EmbeddedCatalogTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static io.dinplatform.registry.model.ModelCatalogChange.Kind.ALIAS_MOVED;
import static io.dinplatform.registry.model.ModelCatalogChange.Kind.ALIAS_REMOVED;
import static io.dinplatform.registry.model.ModelCatalogChange.Kind.MODEL_CREATED;
import static io.dinplatform.registry.model.ModelCatalogChange.Kind.VERSION_REGISTERED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Model changes reach this process as events once committed, whether this process made them (through its
 * repository) or another one did (through its own repository, or plain SQL and a notification), and the relay of
 * the others' changes survives losing its connection.
 */
class ModelChangesTest extends EmbeddedCatalogTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    ModelRepository models;

    @Autowired
    ModelChangeRelay relay;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ConfigurableApplicationContext context;

    private final List<ModelCatalogChange> heard = new CopyOnWriteArrayList<>();
    private final List<ModelChangesMissed> gaps = new CopyOnWriteArrayList<>();
    private final ApplicationListener<PayloadApplicationEvent<?>> recorder = event -> {
        if (event.getPayload() instanceof ModelCatalogChange change) {
            heard.add(change);
        } else if (event.getPayload() instanceof ModelChangesMissed gap) {
            gaps.add(gap);
        }
    };

    @BeforeEach
    void listen() {
        context.addApplicationListener(recorder);
        await().atMost(PATIENCE).until(relay::isListening);
    }

    @AfterEach
    void stopListening() {
        context.removeApplicationListener(recorder);
    }

    @Test
    void everyChangeThroughTheRepositoryIsPublishedOnceCommitted() {
        String name = uniqueName();
        models.create(name);
        models.createNextVersion(newVersion(name));
        models.moveAlias(name, "production", 1);
        models.deleteAlias(name, "production");

        assertThat(heardOf(name)).containsExactly(new ModelCatalogChange(name, MODEL_CREATED),
                new ModelCatalogChange(name, VERSION_REGISTERED), new ModelCatalogChange(name, ALIAS_MOVED),
                new ModelCatalogChange(name, ALIAS_REMOVED));
    }

    @Test
    void aChangeIsPublishedWhenItsTransactionCommitsAndNeverWhenItRollsBack() {
        String kept = uniqueName();
        transactions.executeWithoutResult(status -> {
            models.createNextVersion(newVersion(kept));
            assertThat(heardOf(kept)).as("not before the commit").isEmpty();
        });
        assertThat(heardOf(kept)).containsExactly(new ModelCatalogChange(kept, VERSION_REGISTERED));

        String rolledBack = uniqueName();
        transactions.executeWithoutResult(status -> {
            models.createNextVersion(newVersion(rolledBack));
            status.setRollbackOnly();
        });
        String after = remoteChange(uniqueName());
        await().atMost(PATIENCE).until(() -> heard.stream().anyMatch(change -> change.model().equals(after)));
        assertThat(heard).as("no event and no notification for the rolled back version")
                .noneMatch(change -> change.model().equals(rolledBack));
    }

    @Test
    void aChangeMadeByAnotherProcessThroughItsRepositoryIsRelayed() {
        ModelRepository elsewhere = new ModelRepository(jdbc,
                new ModelChangeAnnouncer(jdbc, ModelChangeChannel.forThisProcess(), event -> {
                    // another process's own events stay in that process
                }));
        String name = uniqueName();
        elsewhere.createNextVersion(newVersion(name));
        elsewhere.moveAlias(name, "production", 1);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(heardOf(name)).containsExactly(
                new ModelCatalogChange(name, VERSION_REGISTERED), new ModelCatalogChange(name, ALIAS_MOVED)));
    }

    @Test
    void thisProcesssOwnChangesAreNotHeardAgainFromTheDatabase() {
        String own = uniqueName();
        models.createNextVersion(newVersion(own));
        String later = remoteChange(uniqueName());

        // Notifications arrive in commit order: once the later one is relayed, the own one would have been too.
        await().atMost(PATIENCE).until(() -> heard.stream().anyMatch(change -> change.model().equals(later)));
        assertThat(heard).filteredOn(change -> change.model().equals(own)).hasSize(1);
    }

    @Test
    void theRelayListensAgainAfterLosingItsConnectionAndSaysThatItMayHaveMissedChanges() {
        assertThat(gaps).isEmpty();
        int terminated = jdbc.sql("""
                        SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                        WHERE application_name = 'din-model-changes'
                        """)
                .query(Integer.class).single();
        assertThat(terminated).isEqualTo(1);

        String name = uniqueName();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            remoteChange(name);
            return heard.stream().anyMatch(change -> change.model().equals(name));
        });
        assertThat(gaps).singleElement()
                .satisfies(gap -> assertThat(gap.listeningAt()).isAfterOrEqualTo(gap.lostAt()));
    }

    /**
     * The changes heard of one model: a notification that an earlier test sent may still arrive during this one
     * (the reconnection test sends until one is heard), and every test uses models of its own.
     */
    private List<ModelCatalogChange> heardOf(String model) {
        return heard.stream().filter(change -> change.model().equals(model)).toList();
    }

    /** What another platform process sends, written out in SQL. */
    private String remoteChange(String model) {
        jdbc.sql("SELECT pg_notify(?, ?)")
                .params(ModelChangeChannel.NAME, "another-process " + ALIAS_MOVED + " " + model)
                .query().listOfRows();
        return model;
    }

    private static NewModelVersion newVersion(String name) {
        return new NewModelVersion(name, null, null, "c".repeat(64), null, null);
    }

    private static String uniqueName() {
        return "changes-" + UUID.randomUUID();
    }
}
