package io.dinplatform.worker.job;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ai.djl.Device;
import io.dinplatform.core.data.synthetic.SyntheticConfig;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.lease.JobStatus;
import io.dinplatform.registry.run.ClaimedRun;
import io.dinplatform.registry.run.RunEvent;
import io.dinplatform.registry.run.RunLease;
import io.dinplatform.registry.run.RunRequest;
import io.dinplatform.registry.run.TrainingRun;
import io.dinplatform.worker.TestCatalog;
import io.dinplatform.worker.WorkerContextTest;
import io.dinplatform.worker.lease.LeasedJobLauncher;
import io.dinplatform.worker.steps.ActiveRun;
import io.dinplatform.worker.steps.ActiveRuns;
import io.dinplatform.worker.steps.RunSpec;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker dies in the middle of training: its job execution stays marked STARTED and its lease runs out. The live
 * worker claims the run again, recovers the execution and resumes training from the last epoch checkpoint.
 */
class CrashRecoveryTest extends WorkerContextTest {

    private static final String DEAD_WORKER = "dead-worker";
    /** 25 mini-batches an epoch: the test sees the first checkpoint long before the last epoch ends. */
    static final SyntheticConfig RESUMABLE = new SyntheticConfig(200, 80, 8, 2, 8, 5, 0.05, 11);

    @Autowired
    LeasedJobLauncher launcher;
    @Autowired
    ActiveRuns activeRuns;

    @Test
    void aRunWhoseWorkerDiedResumesFromItsLastEpochCheckpointOnAnotherWorker() throws Exception {
        DatasetVersion dataset = catalog.registerSynthetic("resumable", RESUMABLE);
        RunSpec spec = TestCatalog.spec(3, "CPU");
        RunRequest request = TestCatalog.request("resumed-din", dataset, spec);
        UUID id = insertRunHeldBy(DEAD_WORKER, "resumed-din", request, dataset);

        JobExecution died = trainUntilFirstCheckpointThenDie(id, request, dataset);
        leaveWhatAKilledProcessLeaves(id, died);

        TrainingRun run = awaitFinal(id);

        assertThat(run.status()).as("error: %s", run.error()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(run.attempts()).isEqualTo(2);
        assertThat(run.worker()).isEqualTo("test-worker");
        List<RunEvent> events = runs.eventsAfter(id, 0, 10_000);
        RunEvent resumed = events.stream().filter(e -> e.payload().has("resumedFromEpoch")).findFirst()
                .orElseThrow(() -> new AssertionError("no resumption was reported: " + events));
        int checkpointEpoch = resumed.payload().path("resumedFromEpoch").asInt();
        assertThat(checkpointEpoch).isBetween(1, 2);
        assertThat(resumed.payload().path("attempt").asInt()).isEqualTo(2);
        // Every epoch validated exactly once across both workers: the second went on from the checkpoint.
        assertThat(events).filteredOn(e -> e.type().equals("metric") && e.payload().path("split").asString()
                .equals("valid")).extracting(e -> e.payload().path("epoch").asInt()).containsExactly(1, 2, 3);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM model_versions WHERE run_id = ?").param(id).query(Long.class)
                .single()).isEqualTo(1);
        assertThat(executionStatuses(run.jobExecutionId())).containsExactly("FAILED", "COMPLETED");

        // Resuming changed nothing: an uninterrupted run of the same request scores the test split identically.
        UUID uninterrupted = catalog.queue("uninterrupted-din", dataset, spec).id();
        TrainingRun reference = awaitFinal(uninterrupted);
        assertThat(reference.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(run.metrics().path("auc").asDouble()).isEqualTo(reference.metrics().path("auc").asDouble());
        assertThat(run.metrics().path("logloss").asDouble())
                .isEqualTo(reference.metrics().path("logloss").asDouble());
    }

    /**
     * Trains as the doomed worker until the first epoch checkpoint is saved, then cuts it off the way a crash does:
     * from then on it writes nothing at all (a lost lease is exactly that silence).
     */
    private JobExecution trainUntilFirstCheckpointThenDie(UUID id, RunRequest request, DatasetVersion dataset)
            throws Exception {
        ClaimedRun claim = new ClaimedRun(new RunLease(id, DEAD_WORKER, 1), "resumed-din", request, dataset.id(),
                false, null, "system");
        ActiveRun doomed = activeRuns.open(claim, Device.cpu());
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<JobExecution> execution = thread.submit(() -> launcher.launch(id));
            await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(10)).until(() ->
                    runs.eventsAfter(id, 0, 10_000).stream().anyMatch(e -> e.type().equals("metric")));
            doomed.control().leaseLost();
            JobExecution stopped = execution.get();
            assertThat(stopped.getStatus()).isEqualTo(BatchStatus.STOPPED);
            return stopped;
        } finally {
            activeRuns.close(doomed);
            thread.shutdown();
        }
    }

    /** A killed JVM never ends its execution, and nobody renews its lease. */
    private void leaveWhatAKilledProcessLeaves(UUID id, JobExecution execution) {
        jdbc.sql("UPDATE batch_job_execution SET status = 'STARTED', exit_code = 'UNKNOWN', end_time = NULL "
                + "WHERE job_execution_id = ?").param(execution.getId()).update();
        jdbc.sql("UPDATE batch_step_execution SET status = 'STARTED', exit_code = 'EXECUTING', end_time = NULL "
                + "WHERE job_execution_id = ? AND step_name = 'train'").param(execution.getId()).update();
        jdbc.sql("UPDATE training_runs SET lease_expires_at = now() - interval '1 second' WHERE id = ?")
                .param(id).update();
    }

}
