package io.dinplatform.registry.run;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import io.dinplatform.registry.EmbeddedCatalogTest;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.dataset.NewDatasetVersion;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.model.ModelVersion;
import io.dinplatform.registry.model.NewModelVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class TrainingRunRepositoryTest extends EmbeddedCatalogTest {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Duration LEASE = Duration.ofMinutes(1);

    @Autowired
    TrainingRunRepository runs;

    @Autowired
    DatasetRepository datasets;

    @Autowired
    ModelRepository models;

    @Autowired
    JdbcClient jdbc;

    DatasetVersion dataset;

    @BeforeEach
    void clearQueueAndRegisterADataset() {
        // Claiming takes the oldest claimable run of the whole table: start every test from an empty queue.
        jdbc.sql("UPDATE training_runs SET status = 'CANCELLED' WHERE status IN ('QUEUED', 'RUNNING')").update();
        dataset = datasets.createNextVersion(new NewDatasetVersion("runs-" + UUID.randomUUID(), "d".repeat(64), 1, 1,
                JSON.readTree("{}"), JSON.readTree("{}"), null, "dd/" + "d".repeat(62)));
    }

    @Test
    void aNewRunIsQueuedWithItsRequestAndDataset() {
        TrainingRun run = runs.create(newRun());

        assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(run.request().get("model").asString()).isEqualTo("movielens-din");
        assertThat(run.dataset().name()).isEqualTo(dataset.name());
        assertThat(run.dataset().version()).isEqualTo(1);
        assertThat(run.attempts()).isZero();
        assertThat(runs.find(run.id())).contains(run);
        assertThat(runs.findRecent(RunStatus.QUEUED, 10)).extracting(TrainingRun::id).contains(run.id());
        assertThat(runs.findRecent(RunStatus.SUCCEEDED, 10)).extracting(TrainingRun::id).doesNotContain(run.id());
    }

    @Test
    void eachQueuedRunIsClaimedByExactlyOneWorker() {
        TrainingRun first = runs.create(newRun());
        TrainingRun second = runs.create(newRun());

        Optional<TrainingRun> a = runs.claimNext("worker-a", LEASE);
        Optional<TrainingRun> b = runs.claimNext("worker-b", LEASE);

        assertThat(a).hasValueSatisfying(run -> {
            assertThat(run.id()).isEqualTo(first.id());
            assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
            assertThat(run.leaseHolder()).isEqualTo("worker-a");
            assertThat(run.attempts()).isEqualTo(1);
        });
        assertThat(b).hasValueSatisfying(run -> assertThat(run.id()).isEqualTo(second.id()));
        assertThat(runs.claimNext("worker-c", LEASE)).isEmpty();
    }

    @Test
    void aRunWhoseLeaseExpiredIsClaimedAgainAndTheOldHolderLosesIt() {
        TrainingRun run = runs.create(newRun());
        runs.claimNext("worker-a", Duration.ZERO);

        Optional<TrainingRun> again = runs.claimNext("worker-b", LEASE);

        assertThat(again).hasValueSatisfying(r -> {
            assertThat(r.id()).isEqualTo(run.id());
            assertThat(r.leaseHolder()).isEqualTo("worker-b");
            assertThat(r.attempts()).isEqualTo(2);
        });
        assertThat(runs.renewLease(run.id(), "worker-a", LEASE)).isFalse();
        assertThat(runs.renewLease(run.id(), "worker-b", LEASE)).isTrue();
    }

    @Test
    void aSucceededRunLinksItsModelVersion() {
        TrainingRun run = runs.create(newRun());
        runs.claimNext("worker-a", LEASE);
        ModelVersion version = models.createNextVersion(new NewModelVersion("movielens-din-" + UUID.randomUUID(),
                run.id(), dataset.id(), "e".repeat(64), JSON.readTree("{\"auc\":0.7}"), null));

        assertThat(runs.markSucceeded(run.id(), JSON.readTree("{\"auc\":0.7}"), version.id())).isTrue();

        TrainingRun done = runs.find(run.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(done.modelVersion().version()).isEqualTo(1);
        assertThat(done.finishedAt()).isNotNull();
        assertThat(runs.markFailed(run.id(), "too late")).as("a final state is final").isFalse();
    }

    @Test
    void cancellingAQueuedRunEndsItAtOnceAndARunningOneIsFlagged() {
        TrainingRun queued = runs.create(newRun());
        assertThat(runs.requestCancel(queued.id())).isTrue();
        assertThat(runs.find(queued.id()).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(runs.claimNext("worker-a", LEASE)).isEmpty();

        TrainingRun running = runs.create(newRun());
        runs.claimNext("worker-a", LEASE);
        assertThat(runs.requestCancel(running.id())).isTrue();
        TrainingRun flagged = runs.find(running.id()).orElseThrow();
        assertThat(flagged.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(flagged.cancelRequested()).isTrue();
        assertThat(runs.markCancelled(running.id())).isTrue();
    }

    @Test
    void eventsAreReadBackInOrderAfterAnId() {
        TrainingRun run = runs.create(newRun());
        RunEvent first = runs.appendEvent(run.id(), "progress", JSON.readTree("{\"step\":1}"));
        RunEvent second = runs.appendEvent(run.id(), "progress", JSON.readTree("{\"step\":2}"));

        assertThat(runs.eventsAfter(run.id(), 0, 10)).containsExactly(first, second);
        assertThat(runs.eventsAfter(run.id(), first.id(), 10)).containsExactly(second);
    }

    private NewTrainingRun newRun() {
        return new NewTrainingRun("movielens-din", JSON.readTree("{\"model\":\"movielens-din\"}"), dataset.id());
    }
}
