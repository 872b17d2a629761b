package io.dinplatform.worker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.lease.JobStatus;
import io.dinplatform.registry.run.RunRequest;
import io.dinplatform.registry.run.TrainingRun;
import io.dinplatform.registry.run.TrainingRunRepository;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * Base of the tests that let a real worker train: the catalog and the Spring Batch job repository on a real
 * (embedded) PostgreSQL, the worker claiming runs in the background, din-core on the real PyTorch engine. Leases
 * and heartbeats are short so that takeovers happen within a test.
 */
@SpringBootTest(classes = WorkerTestApplication.class, properties = {
        "din.worker.enabled=true",
        "din.worker.id=test-worker",
        "din.worker.lease-duration=4s",
        "din.worker.heartbeat-interval=500ms",
        "din.worker.poll-interval=100ms",
        "din.worker.max-attempts=2",
        "din.worker.progress-every-steps=5",
        // Small shards and buffer: every run trains across several shards and shuffle windows.
        "din.worker.shards.rows-per-shard=128",
        "din.worker.shards.shuffle-buffer-rows=300",
        "spring.batch.job.enabled=false"})
public abstract class WorkerContextTest {

    /** Generous: a CPU shared with other builds may be slow, and a test only waits as long as it must. */
    protected static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);

    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected TrainingRunRepository runs;
    @Autowired
    protected DatasetRepository datasets;
    @Autowired
    protected ArtifactStore artifacts;

    protected TestCatalog catalog;

    /**
     * A data directory per application context: a subclass that adds properties gets a context of its own, whose
     * embedded PostgreSQL must not meet the first one's in the same directory.
     */
    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        Path dataDirectory = TemporaryDataDirectory.create("jobs");
        registry.add("din.data-dir", dataDirectory::toString);
        registry.add("din.worker.liveness-file", () -> dataDirectory.resolve("worker.alive").toString());
        registry.add("din.datasets.references.local-directory",
                () -> TemporaryDataDirectory.directory(dataDirectory.resolve("referenced")).toString());
    }

    @BeforeEach
    void catalog() {
        catalog = new TestCatalog(datasets, runs, artifacts);
    }

    /** Waits until the run reaches a final status and returns it. */
    protected TrainingRun awaitFinal(UUID runId) {
        return awaitFinal(runId, RUN_TIMEOUT);
    }

    protected TrainingRun awaitFinal(UUID runId, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> runs.find(runId).orElseThrow().status().isFinal());
        return runs.find(runId).orElseThrow();
    }

    /**
     * A run as a worker holds it right after its claim (attempt 1), with a lease long enough that the test's own
     * worker does not take it over until the test says so.
     */
    protected UUID insertRunHeldBy(String worker, String model, RunRequest request, DatasetVersion dataset) {
        return jdbc.sql("""
                        INSERT INTO training_runs (model_name, status, request, dataset_version_id, lease_holder,
                                                   worker, lease_expires_at, heartbeat_at, attempts, started_at)
                        VALUES (?, 'RUNNING', CAST(? AS jsonb), ?, ?, ?, now() + interval '10 minutes', now(), 1,
                                now())
                        RETURNING id
                        """)
                .params(model, request.toJson().toString(), dataset.id(), worker, worker)
                .query(UUID.class).single();
    }

    /** The statuses of every execution of the job instance that this execution belongs to, oldest first. */
    protected List<String> executionStatuses(long jobExecutionId) {
        return jdbc.sql("""
                        SELECT e.status FROM batch_job_execution e
                        WHERE e.job_instance_id = (SELECT job_instance_id FROM batch_job_execution
                                                   WHERE job_execution_id = ?)
                        ORDER BY e.job_execution_id
                        """)
                .param(jobExecutionId).query(String.class).list();
    }

    protected TrainingRun awaitStatus(UUID runId, JobStatus status) {
        await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(() -> runs.find(runId).orElseThrow().status() == status);
        return runs.find(runId).orElseThrow();
    }
}
