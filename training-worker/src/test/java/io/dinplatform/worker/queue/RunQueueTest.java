package io.dinplatform.worker.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import io.dinplatform.registry.database.EmbeddedPostgresServer;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.run.RunStatus;
import io.dinplatform.registry.run.TrainingRun;
import io.dinplatform.registry.run.TrainingRunRepository;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.worker.QueueContextTest;
import io.dinplatform.worker.TestCatalog;
import tools.jackson.databind.json.JsonMapper;
import io.dinplatform.worker.lease.LeaseHeartbeat;
import io.dinplatform.worker.lease.RunControl;
import io.dinplatform.worker.lease.StopReason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

class RunQueueTest extends QueueContextTest {

    private static final Duration LEASE = Duration.ofMinutes(5);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TrainingRunRepository runs;
    @Autowired
    EmbeddedPostgresServer postgres;
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
        dataset = catalog.registerSynthetic("queue-test", TestCatalog.TINY);
    }

    @Test
    void concurrentClaimersOnSeparateConnectionsClaimEveryRunExactlyOnce() throws Exception {
        int runCount = 40;
        int claimers = 8;
        Set<UUID> queued = new java.util.HashSet<>();
        for (int i = 0; i < runCount; i++) {
            queued.add(catalog.queue("m", dataset).id());
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        List<Future<List<UUID>>> results = new ArrayList<>();
        for (int c = 0; c < claimers; c++) {
            String worker = "claimer-" + c;
            results.add(pool.submit(claimAll(worker, start)));
        }
        start.countDown();
        List<UUID> claimed = new ArrayList<>();
        for (Future<List<UUID>> result : results) {
            claimed.addAll(result.get());
        }
        pool.shutdown();

        assertThat(claimed).doesNotHaveDuplicates().hasSize(runCount);
        assertThat(Set.copyOf(claimed)).isEqualTo(queued);
        List<TrainingRun> after = queued.stream().map(runs::find).map(Optional::orElseThrow).toList();
        assertThat(after).allSatisfy(run -> {
            assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
            assertThat(run.attempts()).isEqualTo(1);
            assertThat(run.leaseHolder()).startsWith("claimer-").isEqualTo(run.worker());
            assertThat(run.leaseExpiresAt()).isAfter(run.heartbeatAt());
        });
        // Every claimer got a share: the claims really ran side by side rather than one after another.
        assertThat(after.stream().map(TrainingRun::leaseHolder).collect(Collectors.toSet())).hasSizeGreaterThan(1);
    }

    /** Claims until the queue is empty, on a connection of its own (as a worker on another machine would). */
    private Callable<List<UUID>> claimAll(String worker, CountDownLatch start) {
        return () -> {
            try (SingleConnectionDataSource connection = new SingleConnectionDataSource(postgres.jdbcUrl(),
                    postgres.username(), "", true)) {
                RunQueue own = new RunQueue(JdbcClient.create(connection));
                start.await();
                List<UUID> mine = new ArrayList<>();
                Optional<ClaimedRun> claim;
                while ((claim = own.claimNext(worker, LEASE)).isPresent()) {
                    mine.add(claim.get().lease().runId());
                }
                return Collections.unmodifiableList(mine);
            }
        };
    }

    @Test
    void aRunWhoseLeaseExpiredIsClaimedAgainAndTheFormerHolderIsFencedOff() {
        UUID id = catalog.queue("m", dataset).id();
        RunLease first = queue.claimNext("worker-a", LEASE).orElseThrow().lease();
        assertThat(first.attempt()).isEqualTo(1);
        assertThat(queue.claimNext("worker-b", LEASE)).as("a live lease is not claimable").isEmpty();

        expireLease(id);
        ClaimedRun takeover = queue.claimNext("worker-b", LEASE).orElseThrow();

        assertThat(takeover.lease()).isEqualTo(new RunLease(id, "worker-b", 2));
        assertThat(queue.renew(first, LEASE)).as("the old holder's heartbeat learns it lost the run").isEmpty();
        assertThat(queue.recordProgress(first, JsonMapper.shared().readTree("{\"epoch\": 9}"))).isFalse();
        assertThat(queue.finish(first, RunStatus.FAILED, "stale")).isFalse();
        assertThat(queue.renew(takeover.lease(), LEASE)).contains(false);
        assertThat(queue.finish(takeover.lease(), RunStatus.CANCELLED, null)).isTrue();
        TrainingRun run = runs.find(id).orElseThrow();
        assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(run.worker()).isEqualTo("worker-b");
        assertThat(run.leaseHolder()).isNull();
        assertThat(run.progress()).isNull();
    }

    @Test
    void theHeartbeatExtendsTheLeaseAndPassesOnACancellation() {
        UUID id = catalog.queue("m", dataset).id();
        RunLease lease = queue.claimNext("worker-a", Duration.ofSeconds(30)).orElseThrow().lease();
        java.time.Instant before = runs.find(id).orElseThrow().leaseExpiresAt();
        RunControl control = new RunControl(lease);
        try (LeaseHeartbeat heartbeat = new LeaseHeartbeat(queue, LEASE, Duration.ofMinutes(1));
             LeaseHeartbeat.Beat beat = heartbeat.start(control)) {
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
        RunLease lease = queue.claimNext("worker-a", LEASE).orElseThrow().lease();
        RunControl control = new RunControl(lease);
        expireLease(id);
        queue.claimNext("worker-b", LEASE).orElseThrow();
        runs.requestCancel(id);
        try (LeaseHeartbeat heartbeat = new LeaseHeartbeat(queue, LEASE, Duration.ofMinutes(1));
             LeaseHeartbeat.Beat beat = heartbeat.start(control)) {
            assertThat(beat.renewNow()).isFalse();
        }
        assertThat(control.stopReason()).as("a lost lease outranks the cancellation, which is no longer ours")
                .contains(StopReason.LEASE_LOST);
    }

    @Test
    void aReleasedRunGoesBackToTheQueueAndOnlyFailuresCountAgainstItsAttempts() {
        UUID id = catalog.queue("m", dataset).id();
        RunLease first = queue.claimNext("worker-a", LEASE).orElseThrow().lease();
        assertThat(queue.requeue(first, "worker-a shut down", false)).isTrue();
        TrainingRun released = runs.find(id).orElseThrow();
        assertThat(released.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(released.attempts()).isZero();
        assertThat(released.leaseHolder()).isNull();

        RunLease second = queue.claimNext("worker-b", LEASE).orElseThrow().lease();
        assertThat(second.attempt()).isEqualTo(1);
        assertThat(queue.requeue(second, "out of memory", true)).isTrue();
        assertThat(runs.find(id).orElseThrow().error()).isEqualTo("out of memory");
        RunLease third = queue.claimNext("worker-c", LEASE).orElseThrow().lease();
        assertThat(third.attempt()).isEqualTo(2);
        assertThat(runs.find(id).orElseThrow().error()).as("a new claim clears the last attempt's reason").isNull();
    }

    @Test
    void aRunCannotSucceedWithoutARegisteredModelVersion() {
        catalog.queue("m", dataset);
        RunLease lease = queue.claimNext("worker-a", LEASE).orElseThrow().lease();
        assertThat(queue.finish(lease, RunStatus.SUCCEEDED, null)).isFalse();
        assertThat(queue.holds(lease)).isTrue();
    }

    @Test
    void aQueuedRunCancelledBeforeAnyWorkerClaimedItIsNeverClaimed() {
        UUID id = catalog.queue("m", dataset).id();
        assertThat(runs.requestCancel(id)).isTrue();
        assertThat(runs.find(id).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(queue.claimNext("worker-a", LEASE)).isEmpty();
    }

    @Test
    void aRunCancelledBetweenItsClaimAndItsJobIsHandedToTheWorkerWithTheCancellation() {
        UUID id = catalog.queue("m", dataset).id();
        RunLease first = queue.claimNext("worker-a", LEASE).orElseThrow().lease();
        runs.requestCancel(id);
        expireLease(id);
        ClaimedRun takeover = queue.claimNext("worker-b", LEASE).orElseThrow();
        assertThat(takeover.cancelRequested()).as("the new holder ends it CANCELLED without training").isTrue();
        assertThat(queue.renew(first, LEASE)).isEmpty();
    }

    @Test
    void theOldestRunIsClaimedFirst() {
        UUID older = catalog.queue("m", dataset).id();
        UUID newer = catalog.queue("m", dataset).id();
        assertThat(queue.claimNext("w", LEASE).orElseThrow().lease().runId()).isEqualTo(older);
        assertThat(queue.claimNext("w", LEASE).orElseThrow().lease().runId()).isEqualTo(newer);
        assertThat(queue.claimNext("w", LEASE)).isEmpty();
    }

    /** What a dead worker leaves behind: its lease runs out with nobody to renew it. */
    private void expireLease(UUID id) {
        jdbc.sql("UPDATE training_runs SET lease_expires_at = now() - interval '1 second' WHERE id = ?")
                .param(id).update();
    }
}
