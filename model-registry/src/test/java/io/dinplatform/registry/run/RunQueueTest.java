package io.dinplatform.registry.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
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

import io.dinplatform.registry.EmbeddedCatalogTest;
import io.dinplatform.registry.database.EmbeddedPostgresServer;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.dataset.NewDatasetVersion;
import io.dinplatform.registry.lease.JobStatus;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.model.ModelVersion;
import io.dinplatform.registry.model.NewModelVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue as workers use it, on the real (embedded) PostgreSQL: claims, leases, fencing, and where GPU runs go. */
class RunQueueTest extends EmbeddedCatalogTest {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Duration LEASE = Duration.ofMinutes(5);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TrainingRunRepository runs;
    @Autowired
    DatasetRepository datasets;
    @Autowired
    ModelRepository models;
    @Autowired
    EmbeddedPostgresServer postgres;
    @Autowired
    TransactionTemplate transactions;

    RunQueue queue;
    TrainingWorkers workers;
    DatasetVersion dataset;

    @BeforeEach
    void emptyQueueAndADataset() {
        // Claiming takes the oldest claimable run of the whole table, and GPU runs look at every live worker: each
        // test starts with neither.
        jdbc.sql("UPDATE training_runs SET status = 'CANCELLED', lease_holder = NULL, lease_expires_at = NULL "
                + "WHERE status IN ('QUEUED', 'RUNNING')").update();
        jdbc.sql("DELETE FROM training_workers").update();
        queue = new RunQueue(jdbc);
        workers = new TrainingWorkers(jdbc);
        dataset = datasets.createNextVersion(new NewDatasetVersion("queue-" + UUID.randomUUID(), "d".repeat(64), 1, 1,
                JSON.readTree("{}"), JSON.readTree("{}"), null, "dd/" + "d".repeat(62)));
    }

    @Test
    void concurrentClaimersOnSeparateConnectionsClaimEveryRunExactlyOnce() throws Exception {
        int runCount = 40;
        int claimers = 8;
        Set<UUID> queued = new HashSet<>();
        for (int i = 0; i < runCount; i++) {
            queued.add(queueRun("AUTO"));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        List<Future<List<UUID>>> results = new ArrayList<>();
        for (int c = 0; c < claimers; c++) {
            results.add(pool.submit(claimAll("claimer-" + c, start)));
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
            assertThat(run.status()).isEqualTo(JobStatus.RUNNING);
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
                while ((claim = own.claimNext(cpuWorker(worker), LEASE)).isPresent()) {
                    mine.add(claim.get().lease().runId());
                }
                return Collections.unmodifiableList(mine);
            }
        };
    }

    @Test
    void aRunWhoseLeaseExpiredIsClaimedAgainAndTheFormerHolderIsFencedOff() {
        UUID id = queueRun("AUTO");
        RunLease first = claim("worker-a").lease();
        assertThat(first.attempt()).isEqualTo(1);
        assertThat(queue.claimNext(cpuWorker("worker-b"), LEASE)).as("a live lease is not claimable").isEmpty();

        expireLease(id);
        ClaimedRun takeover = claim("worker-b");

        assertThat(takeover.lease()).isEqualTo(new RunLease(id, "worker-b", 2));
        assertThat(takeover.isResumption()).as("the first attempt never started a job").isFalse();
        assertThat(takeover.requestedBy()).as("the claim carries who queued the run").isEqualTo("token:0123456789ab");
        assertThat(queue.renew(first, LEASE)).as("the old holder's heartbeat learns it lost the run").isEmpty();
        assertThat(queue.recordProgress(first, JSON.readTree("{\"epoch\": 9}"))).isFalse();
        assertThat(queue.recordExecution(first, 7, "CPU")).isFalse();
        assertThat(queue.holds(first)).isFalse();
        assertThat(queue.finish(first, JobStatus.FAILED, "stale")).isFalse();
        assertThat(queue.renew(takeover.lease(), LEASE)).contains(false);
        assertThat(queue.finish(takeover.lease(), JobStatus.CANCELLED, null)).isTrue();
        TrainingRun run = runs.find(id).orElseThrow();
        assertThat(run.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(run.worker()).isEqualTo("worker-b");
        assertThat(run.leaseHolder()).isNull();
        assertThat(run.progress()).isNull();
    }

    @Test
    void renewingTheLeaseExtendsItAndPassesOnACancellation() {
        UUID id = queueRun("AUTO");
        RunLease lease = queue.claimNext(cpuWorker("worker-a"), Duration.ofSeconds(30)).orElseThrow().lease();
        Instant before = runs.find(id).orElseThrow().leaseExpiresAt();

        assertThat(queue.renew(lease, LEASE)).contains(false);
        assertThat(runs.find(id).orElseThrow().leaseExpiresAt()).isAfter(before);
        assertThat(runs.requestCancel(id)).isTrue();
        assertThat(queue.renew(lease, LEASE)).contains(true);
    }

    @Test
    void aReleasedRunGoesBackToTheQueueAndOnlyFailuresCountAgainstItsAttempts() {
        UUID id = queueRun("AUTO");
        RunLease first = claim("worker-a").lease();
        assertThat(queue.requeue(first, "worker-a shut down", false)).isTrue();
        TrainingRun released = runs.find(id).orElseThrow();
        assertThat(released.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(released.attempts()).isZero();
        assertThat(released.leaseHolder()).isNull();

        RunLease second = claim("worker-b").lease();
        assertThat(second.attempt()).isEqualTo(1);
        assertThat(queue.requeue(second, "out of memory", true)).isTrue();
        assertThat(runs.find(id).orElseThrow().error()).isEqualTo("out of memory");
        RunLease third = claim("worker-c").lease();
        assertThat(third.attempt()).isEqualTo(2);
        assertThat(runs.find(id).orElseThrow().error()).as("a new claim clears the last attempt's reason").isNull();
    }

    @Test
    void aRunSucceedsOnlyOnceItsModelVersionIsRegisteredUnderTheLease() {
        UUID id = queueRun("AUTO");
        RunLease lease = claim("worker-a").lease();
        assertThat(queue.finish(lease, JobStatus.SUCCEEDED, null)).as("nothing registered yet").isFalse();
        assertThat(queue.holds(lease)).isTrue();

        ModelVersion version = models.createNextVersion(new NewModelVersion("queue-model-" + UUID.randomUUID(), id,
                dataset.id(), "e".repeat(64), JSON.readTree("{\"auc\":0.7}"), null));
        transactions.executeWithoutResult(status -> {
            assertThat(queue.lockHeld(lease)).contains(Optional.empty());
            queue.recordRegistration(lease, version.id(), JSON.readTree("{\"auc\":0.7}"));
        });
        assertThat(queue.lockHeld(lease)).as("a resumed run sees what it registered")
                .contains(Optional.of(version.id()));
        assertThat(queue.finish(lease, JobStatus.SUCCEEDED, null)).isTrue();

        TrainingRun done = runs.find(id).orElseThrow();
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.modelVersion().version()).isEqualTo(1);
        assertThat(done.metrics().path("auc").asDouble()).isEqualTo(0.7);
        assertThat(done.finishedAt()).isNotNull();
        assertThat(runs.markFailed(id, "too late")).as("a final state is final").isFalse();
    }

    @Test
    void aQueuedRunCancelledBeforeAnyWorkerClaimedItIsNeverClaimed() {
        UUID id = queueRun("AUTO");
        assertThat(runs.requestCancel(id)).isTrue();
        assertThat(runs.find(id).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(queue.claimNext(cpuWorker("worker-a"), LEASE)).isEmpty();
    }

    @Test
    void aRunCancelledBetweenItsClaimAndItsJobIsHandedToTheWorkerWithTheCancellation() {
        UUID id = queueRun("AUTO");
        RunLease first = claim("worker-a").lease();
        runs.requestCancel(id);
        expireLease(id);
        ClaimedRun takeover = claim("worker-b");
        assertThat(takeover.cancelRequested()).as("the new holder ends it CANCELLED without training").isTrue();
        assertThat(queue.renew(first, LEASE)).isEmpty();
    }

    @Test
    void theOldestRunIsClaimedFirst() {
        UUID older = queueRun("AUTO");
        UUID newer = queueRun("AUTO");
        assertThat(claim("w").lease().runId()).isEqualTo(older);
        assertThat(claim("w").lease().runId()).isEqualTo(newer);
        assertThat(queue.claimNext(cpuWorker("w"), LEASE)).isEmpty();
    }

    @Test
    void aWorkerWithoutAGpuLeavesAGpuRunToALiveGpuWorker() {
        UUID gpuRun = queueRun("GPU");
        UUID cpuRun = queueRun("CPU");
        workers.advertise(gpuWorker("gpu-worker"), LEASE);

        assertThat(claim("cpu-worker").lease().runId()).as("the older GPU run is skipped").isEqualTo(cpuRun);
        assertThat(queue.claimNext(cpuWorker("cpu-worker"), LEASE)).isEmpty();
        assertThat(runs.find(gpuRun).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);

        assertThat(queue.claimNext(gpuWorker("gpu-worker"), LEASE)).hasValueSatisfying(claim ->
                assertThat(claim.lease().runId()).isEqualTo(gpuRun));
    }

    @Test
    void aGpuRunWhoseGpuWorkerDiedIsTakenOverOnlyByAnotherGpuWorkerWhileOneLives() {
        UUID gpuRun = queueRun("GPU");
        workers.advertise(gpuWorker("gpu-1"), LEASE);
        workers.advertise(gpuWorker("gpu-2"), LEASE);
        queue.claimNext(gpuWorker("gpu-1"), LEASE).orElseThrow();
        expireLease(gpuRun);
        expireAdvertisement("gpu-1");

        assertThat(queue.claimNext(cpuWorker("cpu-worker"), LEASE)).isEmpty();
        assertThat(queue.claimNext(gpuWorker("gpu-2"), LEASE)).hasValueSatisfying(claim ->
                assertThat(claim.lease()).isEqualTo(new RunLease(gpuRun, "gpu-2", 2)));
    }

    @Test
    void withNoLiveGpuWorkerAWorkerWithoutAGpuClaimsAGpuRunSoThatItCanRefuseIt() {
        UUID gpuRun = queueRun("GPU");
        workers.advertise(cpuWorker("cpu-only"), LEASE);
        workers.advertise(gpuWorker("gpu-gone"), LEASE);
        expireAdvertisement("gpu-gone");

        assertThat(claim("cpu-only").lease().runId()).isEqualTo(gpuRun);
    }

    @Test
    void aWithdrawnGpuWorkerNoLongerHoldsGpuRunsBack() {
        UUID gpuRun = queueRun("GPU");
        workers.advertise(gpuWorker("gpu-worker"), LEASE);
        assertThat(queue.claimNext(cpuWorker("cpu-worker"), LEASE)).isEmpty();

        workers.withdraw("gpu-worker");

        assertThat(claim("cpu-worker").lease().runId()).isEqualTo(gpuRun);
    }

    @Test
    void theDirectoryListsTheWorkersWhoseAdvertisementHasNotExpired() {
        workers.advertise(cpuWorker("cpu-worker"), LEASE);
        workers.advertise(gpuWorker("gpu-worker"), LEASE);
        LiveWorker first = workers.live().get(1);
        workers.advertise(gpuWorker("gpu-worker"), LEASE);
        expireAdvertisement("cpu-worker");

        List<LiveWorker> live = workers.live();

        assertThat(live).extracting(LiveWorker::advertisement).containsExactly(gpuWorker("gpu-worker"));
        assertThat(live.get(0).startedAt()).as("a renewal keeps the start").isEqualTo(first.startedAt());
        assertThat(live.get(0).expiresAt()).isAfter(live.get(0).seenAt());
    }

    private ClaimedRun claim(String worker) {
        return queue.claimNext(cpuWorker(worker), LEASE).orElseThrow();
    }

    private static WorkerAdvertisement cpuWorker(String id) {
        return new WorkerAdvertisement(id, "CPU", 0);
    }

    private static WorkerAdvertisement gpuWorker(String id) {
        return new WorkerAdvertisement(id, "GPU", 1);
    }

    /** Queues a run whose request asks for the given device, the way the API stores it. */
    private UUID queueRun(String device) {
        RunRequest request = new RunRequest(new RunRequest.Dataset(dataset.name(), dataset.version()), "m",
                JSON.createObjectNode(), JSON.createObjectNode().put("device", device), null);
        return runs.create(new NewTrainingRun("m", request, dataset.id(), "token:0123456789ab")).id();
    }

    /** What a dead worker leaves behind: its lease runs out with nobody to renew it. */
    private void expireLease(UUID id) {
        jdbc.sql("UPDATE training_runs SET lease_expires_at = now() - interval '1 second' WHERE id = ?")
                .param(id).update();
    }

    private void expireAdvertisement(String workerId) {
        jdbc.sql("UPDATE training_workers SET expires_at = now() - interval '1 second' WHERE id = ?")
                .param(workerId).update();
    }
}
