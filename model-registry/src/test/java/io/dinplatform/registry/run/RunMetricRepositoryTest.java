package io.dinplatform.registry.run;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.dinplatform.registry.EmbeddedCatalogTest;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.dataset.NewDatasetVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunMetricRepositoryTest extends EmbeddedCatalogTest {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @Autowired
    RunMetricRepository metrics;

    @Autowired
    TrainingRunRepository runs;

    @Autowired
    DatasetRepository datasets;

    UUID runId;

    @BeforeEach
    void queueARun() {
        DatasetVersion dataset = datasets.createNextVersion(new NewDatasetVersion("metrics-" + UUID.randomUUID(),
                "e".repeat(64), 1, 1, JSON.readTree("{}"), JSON.readTree("{}"), null, "ee/" + "e".repeat(62)));
        runId = runs.create(new NewTrainingRun("metrics-model", new RunRequest(
                new RunRequest.Dataset(dataset.name(), 1), "metrics-model", JSON.createObjectNode(),
                JSON.createObjectNode(), null), dataset.id(), "system")).id();
    }

    @Test
    void pointsComeBackByNameThenStepWithTheirEpochsAndTimes() {
        metrics.append(runId, List.of(
                new MetricPoint("train.loss", 100, 1, 0.61, NOW),
                new MetricPoint("valid.gauc", 120, 1, 0.70, NOW.plusSeconds(1)),
                new MetricPoint("train.loss", 50, null, 0.69, NOW.minusSeconds(1))));

        assertThat(metrics.history(runId, List.of())).containsExactly(
                new MetricPoint("train.loss", 50, null, 0.69, NOW.minusSeconds(1)),
                new MetricPoint("train.loss", 100, 1, 0.61, NOW),
                new MetricPoint("valid.gauc", 120, 1, 0.70, NOW.plusSeconds(1)));
        assertThat(metrics.history(runId, Set.of("valid.gauc"))).extracting(MetricPoint::name)
                .containsExactly("valid.gauc");
        assertThat(metrics.history(runId, Set.of("never.recorded"))).isEmpty();
    }

    @Test
    void aRepeatedStepReplacesItsPoint() {
        metrics.append(runId, List.of(new MetricPoint("train.loss", 50, 1, 0.69, NOW)));
        metrics.append(runId, List.of(new MetricPoint("train.loss", 50, 1, 0.68, NOW.plusSeconds(5))));

        assertThat(metrics.history(runId, List.of()))
                .containsExactly(new MetricPoint("train.loss", 50, 1, 0.68, NOW.plusSeconds(5)));
    }

    @Test
    void aBatchLargerThanOneStatementIsStoredWhole() {
        List<MetricPoint> points = new ArrayList<>();
        for (int step = 1; step <= RunMetricRepository.ROWS_PER_STATEMENT * 2 + 7; step++) {
            points.add(new MetricPoint("train.loss", step, 1, 1.0 / step, NOW));
        }
        metrics.append(runId, points);

        assertThat(metrics.history(runId, List.of("train.loss"))).isEqualTo(points);
    }

    @Test
    void anUndefinedValueIsNoPoint() {
        assertThatThrownBy(() -> new MetricPoint("valid.gauc", 1, 1, Double.NaN, NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not finite");
    }
}
