package io.dinplatform.registry.run;

import java.time.Duration;
import java.util.UUID;

import io.dinplatform.registry.EmbeddedCatalogTest;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.dataset.NewDatasetVersion;
import io.dinplatform.registry.lease.JobStatus;
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
    JdbcClient jdbc;

    DatasetVersion dataset;

    @BeforeEach
    void clearQueueAndRegisterADataset() {
        // Claiming takes the oldest claimable run of the whole table: start every test from an empty queue.
        jdbc.sql("UPDATE training_runs SET status = 'CANCELLED', lease_holder = NULL, lease_expires_at = NULL "
                + "WHERE status IN ('QUEUED', 'RUNNING')").update();
        dataset = datasets.createNextVersion(new NewDatasetVersion("runs-" + UUID.randomUUID(), "d".repeat(64), 1, 1,
                JSON.readTree("{}"), JSON.readTree("{}"), null, "dd/" + "d".repeat(62)));
    }

    @Test
    void aNewRunIsQueuedWithItsRequestAndDataset() {
        TrainingRun run = runs.create(newRun());

        assertThat(run.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(run.request().model()).isEqualTo("movielens-din");
        assertThat(run.dataset().name()).isEqualTo(dataset.name());
        assertThat(run.dataset().version()).isEqualTo(1);
        assertThat(run.attempts()).isZero();
        assertThat(run.requestedBy()).as("who queued it").isEqualTo("token:0123456789ab");
        assertThat(runs.find(run.id())).contains(run);
        assertThat(runs.findRecent(JobStatus.QUEUED, 10)).extracting(TrainingRun::id).contains(run.id());
        assertThat(runs.findRecent(JobStatus.SUCCEEDED, 10)).extracting(TrainingRun::id).doesNotContain(run.id());
    }

    @Test
    void cancellingAQueuedRunEndsItAtOnceAndARunningOneIsFlagged() {
        TrainingRun queued = runs.create(newRun());
        assertThat(runs.requestCancel(queued.id())).isTrue();
        assertThat(runs.find(queued.id()).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        RunQueue queue = new RunQueue(jdbc);
        WorkerAdvertisement worker = new WorkerAdvertisement("worker-a", "CPU", 0);
        assertThat(queue.claimNext(worker, LEASE)).isEmpty();

        TrainingRun running = runs.create(newRun());
        RunLease lease = queue.claimNext(worker, LEASE).orElseThrow().lease();
        assertThat(runs.requestCancel(running.id())).isTrue();
        TrainingRun flagged = runs.find(running.id()).orElseThrow();
        assertThat(flagged.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(flagged.cancelRequested()).isTrue();
        assertThat(queue.renew(lease, LEASE)).as("the worker learns of it at its next heartbeat").contains(true);
    }

    @Test
    void aRunEndedFromOutsideIsFailedWithItsReasonAndStaysFinal() {
        TrainingRun run = runs.create(newRun());

        assertThat(runs.markFailed(run.id(), "worker lost")).isTrue();
        TrainingRun failed = runs.find(run.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error()).isEqualTo("worker lost");
        assertThat(failed.finishedAt()).isNotNull();
        assertThat(runs.markFailed(run.id(), "again")).as("a final state is final").isFalse();
        assertThat(runs.requestCancel(run.id())).isFalse();
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
        return new NewTrainingRun("movielens-din", new RunRequest(new RunRequest.Dataset(dataset.name(), 1),
                "movielens-din", JSON.createObjectNode(), JSON.createObjectNode(), null), dataset.id(),
                "token:0123456789ab");
    }
}
