package io.dinplatform.worker.lease;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.run.RunLease;
import io.dinplatform.registry.run.RunQueue;
import io.dinplatform.registry.run.TrainingRunRepository;
import io.dinplatform.registry.run.WorkerAdvertisement;
import io.dinplatform.worker.QueueContextTest;
import io.dinplatform.worker.TestCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The heartbeat of a running job on the real queue: it keeps the lease, and passes on what renewing learns. */
class LeaseHeartbeatTest extends QueueContextTest {

    private static final Duration LEASE = Duration.ofMinutes(5);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TrainingRunRepository runs;
    @Autowired
    DatasetRepository datasets;
    @Autowired
    ArtifactStore artifacts;

    RunQueue queue;
    TestCatalog catalog;
    DatasetVersion dataset;

    @BeforeEach
    void queueAndCatalog() throws Exception {
        queue = new RunQueue(jdbc);
        catalog = new TestCatalog(datasets, runs, artifacts);
        dataset = catalog.registerSynthetic("heartbeat-test", TestCatalog.TINY);
    }

    @Test
    void theHeartbeatExtendsTheLeaseAndPassesOnACancellation() {
        UUID id = catalog.queue("m", dataset).id();
        RunLease lease = queue.claimNext(worker("worker-a"), Duration.ofSeconds(30)).orElseThrow().lease();
        Instant before = runs.find(id).orElseThrow().leaseExpiresAt();
        RunControl control = new RunControl(lease);
        try (LeaseHeartbeat<RunLease> heartbeat = new LeaseHeartbeat<>(queue, "run", LEASE, Duration.ofMinutes(1));
             LeaseHeartbeat<RunLease>.Beat beat = heartbeat.start(control)) {
            assertThat(beat.renewNow()).isTrue();
            assertThat(runs.find(id).orElseThrow().leaseExpiresAt()).isAfter(before);
            assertThat(control.stopReason()).isEmpty();

            assertThat(runs.requestCancel(id)).isTrue();
            assertThat(beat.renewNow()).isTrue();
            assertThat(control.stopReason()).contains(StopReason.CANCEL_REQUESTED);
        }
    }

    @Test
    void theHeartbeatOfAWorkerWhoseRunWasTakenOverStopsTheRun() {
        UUID id = catalog.queue("m", dataset).id();
        RunLease lease = queue.claimNext(worker("worker-a"), LEASE).orElseThrow().lease();
        RunControl control = new RunControl(lease);
        jdbc.sql("UPDATE training_runs SET lease_expires_at = now() - interval '1 second' WHERE id = ?")
                .param(id).update();
        queue.claimNext(worker("worker-b"), LEASE).orElseThrow();
        runs.requestCancel(id);
        try (LeaseHeartbeat<RunLease> heartbeat = new LeaseHeartbeat<>(queue, "run", LEASE, Duration.ofMinutes(1));
             LeaseHeartbeat<RunLease>.Beat beat = heartbeat.start(control)) {
            assertThat(beat.renewNow()).isFalse();
        }
        assertThat(control.stopReason()).as("a lost lease outranks the cancellation, which is no longer ours")
                .contains(StopReason.LEASE_LOST);
    }

    private static WorkerAdvertisement worker(String id) {
        return new WorkerAdvertisement(id, "CPU", 0);
    }
}
