package io.dinplatform.worker.steps;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.shard.ShardManifest;
import io.dinplatform.core.data.synthetic.SyntheticConfig;
import io.dinplatform.registry.artifact.DirectoryArtifactStore;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.lease.JobStatus;
import io.dinplatform.registry.run.ClaimedRun;
import io.dinplatform.registry.run.RunEvent;
import io.dinplatform.registry.run.RunLease;
import io.dinplatform.registry.run.RunRequest;
import io.dinplatform.registry.run.TrainingRun;
import io.dinplatform.worker.TestCatalog;
import io.dinplatform.worker.WorkerContextTest;
import io.dinplatform.worker.job.RunExecutor;
import io.dinplatform.worker.job.RunOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dataset version is encoded into shards once: later runs read the shards the first one stored, and a shard
 * damaged in the store fails an attempt with a retryable error after which the retry encodes again.
 */
class EncodedDatasetReuseTest extends WorkerContextTest {

    /**
     * Data of their own (seeds no other test uses: another test damages its file), 600 rows: about 480 training rows
     * in shards of 128.
     */
    private static final SyntheticConfig REUSED = new SyntheticConfig(120, 60, 8, 2, 8, 5, 0.05, 41);
    private static final SyntheticConfig DAMAGED = new SyntheticConfig(120, 60, 8, 2, 8, 5, 0.05, 43);

    @Autowired
    RunExecutor executor;

    @Test
    void aSecondRunOnTheSameVersionReadsTheShardsOfTheFirstInsteadOfEncoding() throws IOException {
        DatasetVersion dataset = catalog.registerSynthetic("encoded-once", REUSED);

        TrainingRun first = awaitFinal(catalog.queue("first", dataset, TestCatalog.spec(1, "CPU")).id());
        TrainingRun second = awaitFinal(catalog.queue("second", dataset, TestCatalog.spec(1, "CPU")).id());

        assertThat(first.status()).as("error: %s", first.error()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(second.status()).as("error: %s", second.error()).isEqualTo(JobStatus.SUCCEEDED);
        JsonNode encoded = prepared(first.id());
        JsonNode reused = prepared(second.id());
        assertThat(encoded.path("encoding").asString()).isEqualTo("encoded");
        assertThat(reused.path("encoding").asString()).isEqualTo("reused");
        assertThat(reused.path("encodingKey").asString()).isEqualTo(encoded.path("encodingKey").asString());
        assertThat(reused.path("shards").asInt()).as("several shards per split").isGreaterThan(3)
                .isEqualTo(encoded.path("shards").asInt());
        assertThat(reused.path("trainRows").asLong()).isEqualTo(encoded.path("trainRows").asLong()).isPositive();
        assertThat(reused.path("prepareSeconds").isNumber()).isTrue();
        assertThat(encodingsOf(dataset)).as("one encoding in the catalog").hasSize(1);
    }

    @Test
    void aDamagedShardFailsTheAttemptAndTheRetryEncodesAgain() throws IOException {
        DatasetVersion dataset = catalog.registerSynthetic("damaged-shard", DAMAGED);
        TrainingRun first = awaitFinal(catalog.queue("before-damage", dataset, TestCatalog.spec(1, "CPU")).id());
        assertThat(first.status()).as("error: %s", first.error()).isEqualTo(JobStatus.SUCCEEDED);
        String manifestSha256 = encodingsOf(dataset).get(0);
        ShardManifest manifest;
        try (InputStream in = artifacts.openVerified(manifestSha256)) {
            manifest = ShardManifest.fromJson(in.readAllBytes());
        }
        String shard = manifest.shards(Split.TRAIN).get(1).sha256();
        Path file = ((DirectoryArtifactStore) artifacts).root().resolve(artifacts.storageKey(shard));
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 3] ^= 0x01;
        Files.write(file, bytes);

        RunRequest request = TestCatalog.request("after-damage", dataset, TestCatalog.spec(1, "CPU"));
        UUID id = insertRunHeldBy("other-worker", "after-damage", request, dataset);
        RunOutcome firstAttempt = executor.execute(new ClaimedRun(new RunLease(id, "other-worker", 1),
                "after-damage", request, dataset.id(), false, null, "system"));

        assertThat(firstAttempt).as("a retryable failure").isEqualTo(RunOutcome.REQUEUED);
        TrainingRun run = awaitFinal(id);
        assertThat(run.status()).as("error: %s", run.error()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(run.attempts()).isEqualTo(2);
        assertThat(executionStatuses(run.jobExecutionId())).containsExactly("FAILED", "COMPLETED");
        assertThat(firstExitMessage(run.jobExecutionId()))
                .contains("shard 2 of", "of the TRAIN split (" + shard + ")", "cannot be read");
        assertThat(encodingsOf(dataset)).as("encoded again: the same deterministic shards")
                .containsExactly(manifestSha256);
        assertThat(Files.readAllBytes(file)).as("the shard's right bytes are back").isNotEqualTo(bytes);
    }

    private JsonNode prepared(UUID runId) {
        List<RunEvent> events = runs.eventsAfter(runId, 0, 1000);
        return events.stream().map(RunEvent::payload).filter(p -> p.path("stage").asString().equals("prepare"))
                .findFirst().orElseThrow();
    }

    /** Why the first execution of the run's job failed, as the job repository recorded it. */
    private String firstExitMessage(long jobExecutionId) {
        return jdbc.sql("""
                        SELECT e.exit_message FROM batch_job_execution e
                        WHERE e.job_instance_id = (SELECT job_instance_id FROM batch_job_execution
                                                   WHERE job_execution_id = ?)
                        ORDER BY e.job_execution_id LIMIT 1
                        """)
                .param(jobExecutionId).query(String.class).single();
    }

    private List<String> encodingsOf(DatasetVersion dataset) {
        return jdbc.sql("SELECT manifest_sha256 FROM encoded_datasets WHERE data_sha256 = ?")
                .param(dataset.sha256()).query(String.class).list();
    }
}
