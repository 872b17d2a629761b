package io.dinplatform.worker.job;

import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;

import io.dinplatform.core.data.synthetic.SyntheticConfig;
import io.dinplatform.registry.artifact.DirectoryArtifactStore;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.lease.JobStatus;
import io.dinplatform.registry.run.ClaimedRun;
import io.dinplatform.registry.run.RunLease;
import io.dinplatform.registry.run.RunRequest;
import io.dinplatform.registry.run.TrainingRun;
import io.dinplatform.worker.TestCatalog;
import io.dinplatform.worker.WorkerContextTest;
import io.dinplatform.worker.steps.RunSpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures that a retry may fix: the run goes back to the queue and is attempted again, up to
 * {@code din.worker.max-attempts} (2 here), and then fails with the reason. The fault is real: the dataset's file
 * answers every read with an I/O error, as a failing disk or a hung network mount does.
 */
class RunRetriesTest extends WorkerContextTest {

    private static final int MAX_ATTEMPTS = 2;
    private static final String OTHER_WORKER = "flaky-worker";
    /** Data of their own for each test: the fault must not reach a file another test trains on. */
    private static final SyntheticConfig ALWAYS_UNREADABLE = new SyntheticConfig(120, 60, 8, 2, 8, 5, 0.05, 23);
    private static final SyntheticConfig UNREADABLE_ONCE = new SyntheticConfig(120, 60, 8, 2, 8, 5, 0.05, 29);

    @Autowired
    RunExecutor executor;

    @Test
    void aRunThatKeepsFailingForATransientReasonIsRetriedUpToTheBoundAndThenFailsWithTheReason() throws IOException {
        DatasetVersion dataset = catalog.registerSynthetic("always-unreadable", ALWAYS_UNREADABLE);
        TrainingRun run;
        try (UnreadableFile fault = UnreadableFile.replace(fileOf(dataset))) {
            UUID id = catalog.queue("never-trained", dataset).id();
            run = awaitFinal(id);
        }

        assertThat(run.status()).isEqualTo(JobStatus.FAILED);
        assertThat(run.attempts()).isEqualTo(MAX_ATTEMPTS);
        assertThat(run.error()).startsWith("failed after " + MAX_ATTEMPTS + " attempts: ")
                .contains("could not read dataset always-unreadable version 1", "Input/output error");
        assertThat(executionStatuses(run.jobExecutionId())).as("one job execution per attempt, restarted")
                .containsExactly("FAILED", "FAILED");
        assertThat(run.modelVersion()).isNull();
    }

    @Test
    void aRunWhoseFirstAttemptFailedForATransientReasonSucceedsOnTheRetry() throws IOException {
        DatasetVersion dataset = catalog.registerSynthetic("unreadable-once", UNREADABLE_ONCE);
        // This context's worker is kept busy with a long run, so that the failed run waits in the queue until the
        // fault is repaired: without it, the worker would claim the run again at once.
        DatasetVersion busyData = catalog.registerSynthetic("keeps-the-worker-busy", RunFailuresTest.MEDIUM);
        UUID busy = catalog.queue("busy", busyData, TestCatalog.spec(50, "CPU")).id();
        awaitStatus(busy, JobStatus.RUNNING);
        RunSpec spec = TestCatalog.spec(2, "CPU");
        RunRequest request = TestCatalog.request("retried-din", dataset, spec);
        UUID id = insertRunHeldBy(OTHER_WORKER, "retried-din", request, dataset);

        RunOutcome firstAttempt;
        try (UnreadableFile fault = UnreadableFile.replace(fileOf(dataset))) {
            firstAttempt = executor.execute(new ClaimedRun(new RunLease(id, OTHER_WORKER, 1), "retried-din",
                    request, dataset.id(), false, null, "system"));
        }

        assertThat(firstAttempt).isEqualTo(RunOutcome.REQUEUED);
        TrainingRun requeued = runs.find(id).orElseThrow();
        assertThat(requeued.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(requeued.attempts()).isEqualTo(1);
        assertThat(requeued.error()).startsWith("attempt 1 failed: could not read dataset unreadable-once version 1")
                .contains("Input/output error");

        assertThat(runs.requestCancel(busy)).isTrue();
        TrainingRun run = awaitFinal(id);

        assertThat(run.status()).as("error: %s", run.error()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(run.attempts()).isEqualTo(2);
        assertThat(run.worker()).isEqualTo("test-worker");
        assertThat(run.error()).isNull();
        assertThat(executionStatuses(run.jobExecutionId())).containsExactly("FAILED", "COMPLETED");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM model_versions WHERE run_id = ?").param(id).query(Long.class)
                .single()).isEqualTo(1);
        assertThat(awaitFinal(busy).status()).isEqualTo(JobStatus.CANCELLED);
    }

    private Path fileOf(DatasetVersion dataset) {
        return ((DirectoryArtifactStore) artifacts).root().resolve(dataset.storageKey());
    }
}
