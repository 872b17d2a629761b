package io.dinplatform.worker.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import ai.djl.engine.Engine;
import io.dinplatform.core.data.synthetic.SyntheticConfig;
import io.dinplatform.registry.artifact.DirectoryArtifactStore;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.lease.JobStatus;
import io.dinplatform.registry.run.TrainingRun;
import io.dinplatform.registry.run.TrainingWorkers;
import io.dinplatform.registry.run.WorkerAdvertisement;
import io.dinplatform.worker.TestCatalog;
import io.dinplatform.worker.WorkerContextTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs that must not succeed here: cancelled, on corrupt data, on a device the worker does not have (unless a live
 * worker has it: then the run waits for that one).
 */
class RunFailuresTest extends WorkerContextTest {

    /** Enough mini-batches per epoch that a run is still training when the test reacts to its progress. */
    static final SyntheticConfig MEDIUM = new SyntheticConfig(300, 100, 8, 2, 8, 10, 0.05, 11);
    /**
     * Data of its own for the test that damages its file: the store keeps one file per content, and every other
     * test's TINY dataset is that same file.
     */
    private static final SyntheticConfig CORRUPTED = new SyntheticConfig(120, 60, 8, 2, 8, 5, 0.05, 31);

    @Autowired
    TrainingWorkers workers;

    @Test
    void aRunningRunStopsBetweenMiniBatchesWhenCancelledAndRegistersNothing() throws IOException {
        DatasetVersion dataset = catalog.registerSynthetic("cancel-running", MEDIUM);
        UUID id = catalog.queue("cancelled-model", dataset, TestCatalog.spec(50, "CPU")).id();
        org.awaitility.Awaitility.await().atMost(RUN_TIMEOUT).until(() -> {
            TrainingRun run = runs.find(id).orElseThrow();
            return run.progress() != null && run.progress().path("step").asInt(0) > 0;
        });

        assertThat(runs.requestCancel(id)).isTrue();
        TrainingRun run = awaitFinal(id);

        assertThat(run.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(run.modelVersion()).isNull();
        assertThat(run.progress().path("epoch").asInt()).as("stopped long before its 50 epochs").isLessThan(50);
        assertThat(batchStatusOf(run.jobExecutionId())).isEqualTo("STOPPED");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM model_versions WHERE run_id = ?").param(id)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aRunOnACorruptedDatasetFileFailsAtOnceNamingTheDatasetAndTheCorruption() throws IOException {
        DatasetVersion dataset = catalog.registerSynthetic("corrupted", CORRUPTED);
        Path file = ((DirectoryArtifactStore) artifacts).root().resolve(dataset.storageKey());
        byte[] content = Files.readAllBytes(file);
        content[content.length / 2] ^= 0x20; // one flipped bit in the middle of the file, the way disks fail
        Files.write(file, content);

        UUID id = catalog.queue("on-corrupt-data", dataset).id();
        TrainingRun run = awaitFinal(id);

        assertThat(run.status()).isEqualTo(JobStatus.FAILED);
        assertThat(run.error()).contains("dataset corrupted version " + dataset.version(), "is corrupt",
                dataset.sha256());
        assertThat(run.attempts()).as("corrupt data is not retried").isEqualTo(1);
        assertThat(run.modelVersion()).isNull();
    }

    @Test
    void aWorkerWithoutAGpuRefusesARunThatAsksForOneWhenNoLiveWorkerHasAGpu() throws IOException {
        assumeTrue(Engine.getEngine("PyTorch").getGpuCount() == 0, "this machine has a GPU: nothing to refuse");
        assertThat(workers.live()).noneMatch(worker -> worker.advertisement().hasGpu());
        DatasetVersion dataset = catalog.registerSynthetic("gpu-only", TestCatalog.TINY);

        UUID id = catalog.queue("needs-gpu", dataset, TestCatalog.spec(1, "GPU")).id();
        TrainingRun run = awaitFinal(id);

        assertThat(run.status()).isEqualTo(JobStatus.FAILED);
        assertThat(run.error()).contains("asks for a GPU", "test-worker", "sees 0 GPUs");
        assertThat(run.jobExecutionId()).as("refused before any job started").isNull();
    }

    @Test
    void aWorkerWithoutAGpuLeavesARunThatAsksForOneToALiveGpuWorker() throws IOException {
        assumeTrue(Engine.getEngine("PyTorch").getGpuCount() == 0, "this machine has a GPU: it would train the run");
        DatasetVersion dataset = catalog.registerSynthetic("gpu-peer", TestCatalog.TINY);
        // A GPU worker on another machine, as it advertises itself; it is busy and claims nothing during the test.
        workers.advertise(new WorkerAdvertisement("gpu-peer", "GPU", 1), Duration.ofMinutes(10));
        try {
            UUID gpuRun = catalog.queue("for-the-gpu", dataset, TestCatalog.spec(1, "GPU")).id();
            UUID cpuRun = catalog.queue("for-anyone", dataset, TestCatalog.spec(1, "CPU")).id();

            assertThat(awaitFinal(cpuRun).status()).as("the worker went past the older GPU run")
                    .isEqualTo(JobStatus.SUCCEEDED);
            TrainingRun waiting = runs.find(gpuRun).orElseThrow();
            assertThat(waiting.status()).isEqualTo(JobStatus.QUEUED);
            assertThat(waiting.attempts()).as("never claimed").isZero();

            // The GPU worker goes away: the run is now refused with the clear error rather than left waiting.
            workers.withdraw("gpu-peer");
            TrainingRun refused = awaitFinal(gpuRun);
            assertThat(refused.status()).isEqualTo(JobStatus.FAILED);
            assertThat(refused.error()).contains("asks for a GPU", "test-worker", "sees 0 GPUs");
        } finally {
            workers.withdraw("gpu-peer");
        }
    }

    private String batchStatusOf(Long jobExecutionId) {
        return jdbc.sql("SELECT status FROM batch_job_execution WHERE job_execution_id = ?")
                .param(jobExecutionId).query(String.class).single();
    }
}
