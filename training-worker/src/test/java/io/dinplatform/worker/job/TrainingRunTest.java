package io.dinplatform.worker.job;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ai.djl.Device;
import io.dinplatform.core.bundle.BundleReader;
import io.dinplatform.core.bundle.ModelBundle;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.lease.JobStatus;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.model.ModelVersion;
import io.dinplatform.registry.run.MetricPoint;
import io.dinplatform.registry.run.RunEvent;
import io.dinplatform.registry.run.RunMetricRepository;
import io.dinplatform.registry.run.TrainingRun;
import io.dinplatform.worker.TestCatalog;
import io.dinplatform.worker.WorkerContextTest;
import io.dinplatform.worker.steps.MetricHistory;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** A queued run, trained by the worker from claim to registered version. */
class TrainingRunTest extends WorkerContextTest {

    @Autowired
    ModelRepository models;

    @Autowired
    RunMetricRepository metrics;

    @Test
    void aQueuedRunIsTrainedEvaluatedAndRegisteredWithMetricsAndLineage() throws IOException {
        DatasetVersion dataset = catalog.registerSynthetic("end-to-end", TestCatalog.TINY);
        UUID id = catalog.queue("tiny-din", dataset, TestCatalog.spec(2, "CPU")).id();

        TrainingRun run = awaitFinal(id);

        assertThat(run.status()).as("error: %s", run.error()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(run.attempts()).isEqualTo(1);
        assertThat(run.worker()).isEqualTo("test-worker");
        assertThat(run.device()).isEqualTo("CPU");
        assertThat(run.jobExecutionId()).isNotNull();
        assertThat(run.leaseHolder()).isNull();
        assertThat(run.finishedAt()).isAfterOrEqualTo(run.startedAt());
        assertThat(run.metrics().path("auc").asDouble()).isBetween(0.0, 1.0);
        assertThat(run.metrics().path("gauc").isNumber()).isTrue();
        assertThat(run.metrics().path("logloss").asDouble()).isPositive();
        JsonNode baseline = run.metrics().path("baseline");
        assertThat(baseline.path("name").asString()).isEqualTo("popularity");
        assertThat(baseline.path("auc").asDouble()).isBetween(0.0, 1.0);
        assertThat(baseline.path("beaten").isBoolean()).isTrue();
        if (baseline.path("gauc").isNumber()) {
            assertThat(baseline.path("beaten").asBoolean()).isEqualTo(
                    run.metrics().path("gauc").asDouble() > baseline.path("gauc").asDouble());
        }
        assertThat(run.modelVersion()).isNotNull();

        ModelVersion version = models.findVersion("tiny-din", run.modelVersion().version()).orElseThrow();
        assertThat(version.runId()).isEqualTo(id);
        assertThat(version.dataset().id()).isEqualTo(dataset.id());
        assertThat(version.metrics().path("auc").asDouble()).isEqualTo(run.metrics().path("auc").asDouble());
        assertThat(version.metrics().path("validation").path("auc").isNumber()).isTrue();
        assertThat(version.metrics().path("baseline")).isEqualTo(baseline);
        assertThat(version.parameters().path("architecture").path("type").asString()).isEqualTo("DIN");
        assertThat(version.parameters().path("training").path("epochs").asInt()).isEqualTo(2);
        assertThat(version.parameters().path("dataset").path("sha256").asString()).isEqualTo(dataset.sha256());

        // The registered bundle is din-core's: it loads, verified against the registered SHA-256.
        Path bundleFile = artifacts.verifiedPath(version.bundleSha256());
        try (ModelBundle bundle = BundleReader.read(bundleFile, version.bundleSha256(), Device.cpu())) {
            assertThat(bundle.metadata().provenance()).containsEntry("runId", id.toString())
                    .containsEntry("dataset", "end-to-end");
            assertThat(bundle.metadata().metrics().get("test").auc())
                    .isEqualTo(run.metrics().path("auc").asDouble());
        }

        // Progress was visible while it ran: steps, per-epoch validation, test metrics, registration, in order.
        List<RunEvent> events = runs.eventsAfter(id, 0, 1000);
        assertThat(events).extracting(RunEvent::type).contains("stage", "progress", "metric");
        assertThat(events).filteredOn(e -> e.type().equals("metric") && e.payload().path("split").asString()
                .equals("valid")).extracting(e -> e.payload().path("epoch").asInt()).containsExactly(1, 2);
        assertThat(events.get(events.size() - 1).payload().path("stage").asString()).isEqualTo("register");
        assertThat(batchStepsOf(run.jobExecutionId())).containsExactly("prepare", "train", "evaluate", "register");

        // The stored history holds what the stream sent: every progress point's loss (a float, which the event's
        // JSON writes in its shortest form), every epoch's validation.
        List<MetricPoint> history = metrics.history(id, List.of());
        assertThat(series(history, MetricHistory.LOSS)).isNotEmpty()
                .extracting(point -> Map.entry(point.getKey(), (float) (double) point.getValue()))
                .containsExactlyElementsOf(events.stream().filter(e -> e.type().equals("progress"))
                        .map(e -> e.payload())
                        .map(p -> Map.entry(p.path("step").asLong(), p.path("loss").floatValue())).toList());
        assertThat(series(history, MetricHistory.VALID_AUC)).hasSize(2).containsExactlyElementsOf(
                events.stream().filter(e -> e.type().equals("metric") && e.payload().has("validation"))
                        .map(e -> e.payload())
                        .map(p -> Map.entry(p.path("step").asLong(), p.path("validation").path("auc").asDouble()))
                        .toList());
        assertThat(history).filteredOn(p -> p.name().equals(MetricHistory.EPOCH_LOSS))
                .extracting(MetricPoint::epoch).containsExactly(1, 2);
    }

    private static List<Map.Entry<Long, Double>> series(List<MetricPoint> history, String name) {
        return history.stream().filter(p -> p.name().equals(name)).map(p -> Map.entry(p.step(), p.value())).toList();
    }

    private List<String> batchStepsOf(long jobExecutionId) {
        return jdbc.sql("""
                        SELECT step_name FROM batch_step_execution
                        WHERE job_execution_id = ? AND status = 'COMPLETED' ORDER BY step_execution_id
                        """)
                .param(jobExecutionId).query(String.class).list();
    }
}
