package io.dinplatform.worker.steps;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.dinplatform.core.metrics.EvaluationMetrics;
import io.dinplatform.core.train.TrainingListener.EpochSummary;
import io.dinplatform.core.train.TrainingListener.StepProgress;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.registry.run.MetricPoint;
import io.dinplatform.registry.run.RunMetricRepository;
import io.dinplatform.registry.run.TrainingRunRepository;
import io.dinplatform.worker.QueueContextTest;
import io.dinplatform.worker.TestCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The metric history a training run writes: bounded, batched, and what it was given. */
class MetricHistoryTest extends QueueContextTest {

    private static final Clock STOPPED = Clock.fixed(Instant.parse("2026-12-07T02:00:00Z"), ZoneOffset.UTC);

    @Autowired
    RunMetricRepository metrics;
    @Autowired
    TrainingRunRepository runs;
    @Autowired
    DatasetRepository datasets;
    @Autowired
    ArtifactStore artifacts;

    UUID runId;

    @BeforeEach
    void queueARun() throws IOException {
        TestCatalog catalog = new TestCatalog(datasets, runs, artifacts);
        runId = catalog.queue("history", catalog.registerSynthetic("history-" + UUID.randomUUID(),
                TestCatalog.TINY)).id();
    }

    @Test
    void aLongRunKeepsEveryKthProgressPointWithinTheBound() {
        // 4 epochs of 1,000 batches, a point every 50: 80 planned points, at most 10 kept, so every 8th.
        MetricHistory history = open(10, Duration.ZERO, 4);
        for (long step = 50; step <= 4000; step += 50) {
            history.onProgress(progress(step, 1000));
        }

        List<MetricPoint> loss = series(MetricHistory.LOSS);
        assertThat(loss).hasSize(10);
        assertThat(loss).extracting(MetricPoint::step).containsExactly(400L, 800L, 1200L, 1600L, 2000L, 2400L,
                2800L, 3200L, 3600L, 4000L);
        assertThat(series(MetricHistory.LEARNING_RATE)).hasSize(10);
        assertThat(series(MetricHistory.SAMPLES_PER_SECOND)).hasSize(10);
    }

    @Test
    void pointsWaitForTheFlushIntervalOrTheEpochsEnd() {
        MetricHistory history = open(5000, Duration.ofMinutes(1), 1);
        history.onProgress(progress(50, 100));
        history.onProgress(progress(100, 100));
        assertThat(series(MetricHistory.LOSS)).as("within the flush interval, nothing is written").isEmpty();

        history.onEpoch(new EpochSummary(1, 100, 0.5, 900,
                new EvaluationMetrics(0.71, Double.NaN, 0.52, 40, 10), true));

        assertThat(series(MetricHistory.LOSS)).extracting(MetricPoint::step).containsExactly(50L, 100L);
        assertThat(series(MetricHistory.EPOCH_LOSS)).containsExactly(
                new MetricPoint(MetricHistory.EPOCH_LOSS, 100, 1, 0.5, STOPPED.instant()));
        assertThat(series(MetricHistory.VALID_AUC)).extracting(MetricPoint::value).containsExactly(0.71);
        assertThat(series(MetricHistory.VALID_GAUC)).as("an undefined metric is no point").isEmpty();
        assertThat(series(MetricHistory.VALID_LOGLOSS)).extracting(MetricPoint::value).containsExactly(0.52);
    }

    private MetricHistory open(int maxPoints, Duration flushInterval, int epochs) {
        return new MetricHistories(metrics, new MetricHistoryProperties(maxPoints, flushInterval), 50, STOPPED)
                .open(runId, epochs);
    }

    private static StepProgress progress(long step, int batchesPerEpoch) {
        int epoch = (int) ((step - 1) / batchesPerEpoch) + 1;
        return new StepProgress(epoch, step, (int) ((step - 1) % batchesPerEpoch) + 1, batchesPerEpoch,
                1f / step, 0.005f, 1000);
    }

    private List<MetricPoint> series(String name) {
        return metrics.history(runId, List.of(name));
    }
}
