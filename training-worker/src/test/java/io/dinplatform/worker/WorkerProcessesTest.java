package io.dinplatform.worker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.dinplatform.core.data.synthetic.SyntheticConfig;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.lease.JobStatus;
import io.dinplatform.registry.run.RunEvent;
import io.dinplatform.registry.run.TrainingRun;
import io.dinplatform.registry.run.TrainingRunRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Workers as separate processes sharing one queue, as on separate hosts: several runs each executed exactly once
 * across two JVMs, and a worker killed with SIGKILL in the middle of training whose run another process resumes from
 * its checkpoint in object storage.
 */
class WorkerProcessesTest extends SeparateHostsTest {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration RUNS_TIMEOUT = Duration.ofMinutes(8);
    /** 25 mini-batches an epoch: a process can be killed in the middle of an epoch. */
    private static final SyntheticConfig KILLABLE = new SyntheticConfig(200, 80, 8, 2, 8, 5, 0.05, 13);
    /**
     * Shorter than the compose defaults, so that the killed worker's lease expires within seconds and progress is
     * seen in the middle of an epoch; set through the same variables.
     */
    private static final Map<String, String> FAST_TAKEOVER = Map.of(
            "DIN_WORKER_LEASE_DURATION", "5s",
            "DIN_WORKER_HEARTBEAT_INTERVAL", "1s",
            "DIN_WORKER_POLL_INTERVAL", "200ms",
            "DIN_WORKER_PROGRESS_EVERY_STEPS", "5");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TrainingRunRepository runs;
    @Autowired
    DatasetRepository datasets;
    @Autowired
    ArtifactStore artifacts;
    @TempDir
    Path work;

    TestCatalog catalog;

    @BeforeEach
    void catalog() {
        catalog = new TestCatalog(datasets, runs, artifacts);
    }

    @Test
    void twoWorkerProcessesExecuteEveryQueuedRunExactlyOnce() throws Exception {
        DatasetVersion dataset = catalog.registerSynthetic("two-workers", TestCatalog.TINY);
        try (WorkerProcess first = start("worker-1", Map.of()); WorkerProcess second = start("worker-2", Map.of())) {
            first.awaitReady(START_TIMEOUT);
            second.awaitReady(START_TIMEOUT);
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ids.add(catalog.queue("shared-queue", dataset, TestCatalog.spec(2, "CPU")).id());
            }

            List<TrainingRun> finished = ids.stream().map(this::awaitFinal).toList();

            assertThat(finished).allSatisfy(run -> {
                assertThat(run.status()).as("run %s: %s", run.id(), run.error()).isEqualTo(JobStatus.SUCCEEDED);
                assertThat(run.attempts()).isEqualTo(1);
                assertThat(jobExecutionsOf(run.id())).isEqualTo(1);
                assertThat(modelVersionsOf(run.id())).isEqualTo(1);
            });
            assertThat(finished).extracting(TrainingRun::worker).containsOnly(first.id(), second.id())
                    .as("both processes claimed runs: %s", finished.stream().map(TrainingRun::worker).toList())
                    .contains(first.id(), second.id());
            assertThat(finished).extracting(run -> run.modelVersion().version()).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
        }
    }

    @Test
    void aRunWhoseWorkerIsKilledResumesFromItsCheckpointInAnotherProcess() throws Exception {
        DatasetVersion dataset = catalog.registerSynthetic("killed-worker", KILLABLE);
        UUID id;
        String doomedId;
        try (WorkerProcess doomed = start("doomed-worker", FAST_TAKEOVER)) {
            doomed.awaitReady(START_TIMEOUT);
            id = catalog.queue("survivor", dataset, TestCatalog.spec(3, "CPU")).id();
            await().atMost(RUNS_TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> inSecondEpoch(id));
            doomedId = doomed.id();
            doomed.kill();
        }
        TrainingRun orphan = runs.find(id).orElseThrow();
        assertThat(orphan.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(orphan.leaseHolder()).isEqualTo(doomedId);

        try (WorkerProcess survivor = start("survivor-worker", FAST_TAKEOVER)) {
            survivor.awaitReady(START_TIMEOUT);
            TrainingRun run = awaitFinal(id);

            assertThat(run.status()).as("error: %s\n%s", run.error(), survivor.tail())
                    .isEqualTo(JobStatus.SUCCEEDED);
            assertThat(run.attempts()).isEqualTo(2);
            assertThat(run.worker()).isEqualTo(survivor.id());
            List<RunEvent> events = runs.eventsAfter(id, 0, 10_000);
            RunEvent resumed = events.stream().filter(e -> e.payload().has("resumedFromEpoch")).findFirst()
                    .orElseThrow(() -> new AssertionError("no resumption was reported: " + events));
            assertThat(resumed.payload().path("resumedFromEpoch").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(survivor.logText()).contains("resuming training from checkpoint");
            assertThat(modelVersionsOf(id)).isEqualTo(1);
            assertThat(jobExecutionsOf(id)).isEqualTo(2);
        }
    }

    private WorkerProcess start(String name, Map<String, String> settings) throws IOException {
        return startWorker(name, settings, work);
    }

    /** The first epoch's checkpoint is saved and the second epoch is under way. */
    private boolean inSecondEpoch(UUID id) {
        TrainingRun run = runs.find(id).orElseThrow();
        return run.progress() != null && "train".equals(run.progress().path("stage").asString(""))
                && run.progress().path("epoch").asInt() == 2 && !run.progress().has("split");
    }

    private TrainingRun awaitFinal(UUID id) {
        await().atMost(RUNS_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> runs.find(id).orElseThrow().status().isFinal());
        return runs.find(id).orElseThrow();
    }

    private long modelVersionsOf(UUID runId) {
        return jdbc.sql("SELECT COUNT(*) FROM model_versions WHERE run_id = ?").param(runId).query(Long.class)
                .single();
    }

    /** Job executions of the run's job instance (identified by the run id). */
    private long jobExecutionsOf(UUID runId) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM batch_job_execution e
                        JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id
                        WHERE p.parameter_name = 'runId' AND p.parameter_value = ?
                        """)
                .param(runId.toString()).query(Long.class).single();
    }
}
