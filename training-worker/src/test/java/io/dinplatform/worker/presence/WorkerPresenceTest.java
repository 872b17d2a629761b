package io.dinplatform.worker.presence;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;

import io.dinplatform.core.device.EngineThreads;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.lease.JobStatus;
import io.dinplatform.registry.run.LiveWorker;
import io.dinplatform.registry.run.TrainingRun;
import io.dinplatform.registry.run.TrainingWorkers;
import io.dinplatform.registry.run.WorkerAdvertisement;
import io.dinplatform.worker.TestCatalog;
import io.dinplatform.worker.WorkerContextTest;
import io.dinplatform.worker.WorkerProperties;
import io.dinplatform.worker.device.DeviceResolver;
import io.dinplatform.worker.job.WorkerLoop;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A started worker: its engine set up as configured, itself advertised to the others, its liveness file kept fresh;
 * and the same after a stop and a new start.
 */
class WorkerPresenceTest extends WorkerContextTest {

    @Autowired
    TrainingWorkers workers;
    @Autowired
    DeviceResolver devices;
    @Autowired
    WorkerProperties properties;
    @Autowired
    WorkerLoop loop;

    @Test
    void theWorkerAdvertisesItselfWithWhatItOffersAfterSettingUpItsEngine() {
        LiveWorker self = awaitAdvertised();

        assertThat(self.advertisement()).isEqualTo(new WorkerAdvertisement("test-worker", "AUTO",
                devices.gpusOffered()));
        assertThat(self.expiresAt()).isAfter(self.seenAt());
        assertThat(EngineThreads.current()).as("din.worker.engine-threads' default, applied before the first claim")
                .isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void theWorkerTouchesItsLivenessFileAtEveryRenewal() throws Exception {
        Path livenessFile = properties.livenessFile();
        awaitAdvertised();
        await().atMost(RUN_TIMEOUT).until(() -> Files.exists(livenessFile));
        FileTime first = Files.getLastModifiedTime(livenessFile);
        LiveWorker before = awaitAdvertised();

        await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> Files.getLastModifiedTime(livenessFile).compareTo(first) > 0);

        await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> awaitAdvertised().seenAt().isAfter(before.seenAt()));
    }

    @Test
    void aWorkerStoppedAndStartedAgainWithdrawsItselfThenComesBackAndTrains() throws Exception {
        awaitAdvertised();

        loop.stop();
        assertThat(workers.live()).extracting(worker -> worker.advertisement().workerId())
                .doesNotContain("test-worker");
        loop.start();

        awaitAdvertised();
        DatasetVersion dataset = catalog.registerSynthetic("after-restart", TestCatalog.TINY);
        TrainingRun run = awaitFinal(catalog.queue("after-restart", dataset, TestCatalog.spec(1, "CPU")).id());
        assertThat(run.status()).as("error: %s", run.error()).isEqualTo(JobStatus.SUCCEEDED);
    }

    private LiveWorker awaitAdvertised() {
        await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> workers.live().stream()
                .anyMatch(worker -> worker.advertisement().workerId().equals("test-worker")));
        return workers.live().stream().filter(worker -> worker.advertisement().workerId().equals("test-worker"))
                .findFirst().orElseThrow();
    }
}
