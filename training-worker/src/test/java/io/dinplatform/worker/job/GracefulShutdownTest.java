package io.dinplatform.worker.job;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.lease.JobStatus;
import io.dinplatform.registry.run.ClaimedRun;
import io.dinplatform.registry.run.RunEvent;
import io.dinplatform.registry.run.RunLease;
import io.dinplatform.registry.run.RunRequest;
import io.dinplatform.registry.run.TrainingRun;
import io.dinplatform.worker.TestCatalog;
import io.dinplatform.worker.WorkerContextTest;
import io.dinplatform.worker.steps.ActiveRuns;
import io.dinplatform.worker.steps.RunSpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker asked to shut down (SIGTERM) in the middle of an epoch: the job stops at the next mini-batch boundary
 * with a checkpoint of that exact position, the run goes back to the queue without using up an attempt, and the next
 * worker resumes it from that mini-batch.
 */
class GracefulShutdownTest extends WorkerContextTest {

    private static final String STOPPING_WORKER = "stopping-worker";

    @Autowired
    RunExecutor executor;
    @Autowired
    ActiveRuns activeRuns;

    @Test
    void aWorkerThatShutsDownLeavesItsRunResumableFromTheMiniBatchItStoppedAt() throws Exception {
        DatasetVersion dataset = catalog.registerSynthetic("shutdown", CrashRecoveryTest.RESUMABLE);
        RunSpec spec = TestCatalog.spec(2, "CPU");
        RunRequest request = TestCatalog.request("shutdown-din", dataset, spec);
        UUID id = insertRunHeldBy(STOPPING_WORKER, "shutdown-din", request, dataset);
        ClaimedRun claim = new ClaimedRun(new RunLease(id, STOPPING_WORKER, 1), "shutdown-din", request,
                dataset.id(), false, null, "system");

        ExecutorService thread = Executors.newSingleThreadExecutor();
        RunOutcome outcome;
        try {
            Future<RunOutcome> execution = thread.submit(() -> executor.execute(claim));
            await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(10)).until(() -> {
                TrainingRun running = runs.find(id).orElseThrow();
                return running.progress() != null && running.progress().path("step").asInt(0) >= 5;
            });
            activeRuns.find(id).orElseThrow().control().requestShutdown();
            outcome = execution.get();
        } finally {
            thread.shutdown();
        }

        assertThat(outcome).isEqualTo(RunOutcome.REQUEUED);
        TrainingRun run = awaitFinal(id);
        assertThat(run.status()).as("error: %s", run.error()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(run.attempts()).as("a shutdown does not count against the run's attempts").isEqualTo(1);
        assertThat(run.worker()).isEqualTo("test-worker");
        List<RunEvent> events = runs.eventsAfter(id, 0, 10_000);
        RunEvent resumed = events.stream().filter(e -> e.payload().has("resumedFromStep")).findFirst()
                .orElseThrow(() -> new AssertionError("no resumption was reported: " + events));
        assertThat(resumed.payload().path("resumedFromStep").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(executionStatuses(run.jobExecutionId())).containsExactly("STOPPED", "COMPLETED");
    }
}
