package io.dinplatform.api.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.dinplatform.api.PlatformApiTest;
import io.dinplatform.api.SamplesCsv;
import io.dinplatform.registry.run.MetricPoint;
import io.dinplatform.registry.run.RunMetricRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/v1/training-runs/{id}/metrics}: the stored history, thinned as asked. */
class RunMetricsApiTest extends PlatformApiTest {

    private static final Instant AT = Instant.parse("2026-12-07T02:00:00Z");

    @Autowired
    RunMetricRepository metrics;

    private String runId;

    @BeforeEach
    void queueARunWithAHistory() {
        String dataset = "history-" + UUID.randomUUID().toString().substring(0, 8);
        upload(dataset, SamplesCsv.SCHEMA, SamplesCsv.bytes(SamplesCsv.rows(10, 0)), "s.csv");
        runId = postJson("/api/v1/training-runs", "{\"dataset\": {\"name\": \"" + dataset + "\"}, \"model\": \"h\"}")
                .getBody().get("id").asString();
        List<MetricPoint> points = new ArrayList<>();
        for (int step = 1; step <= 1000; step++) {
            // A falling loss with one spike at step 500 that thinning must keep.
            points.add(new MetricPoint("train.loss", step, 1, step == 500 ? 9.0 : 1.0 / step, AT.plusSeconds(step)));
        }
        points.add(new MetricPoint("valid.gauc", 1000, 1, 0.71, AT.plusSeconds(1000)));
        metrics.append(UUID.fromString(runId), points);
    }

    @Test
    void everySeriesComesBackWholeWhenItFits() {
        JsonNode history = get("/api/v1/training-runs/" + runId + "/metrics?maxPoints=10000").getBody();

        assertThat(history.get("runId").asString()).isEqualTo(runId);
        assertThat(history.get("metrics").findValuesAsString("name")).containsExactly("train.loss", "valid.gauc");
        JsonNode loss = history.get("metrics").get(0);
        assertThat(loss.get("recorded").asInt()).isEqualTo(1000);
        assertThat(loss.get("points")).hasSize(1000);
        JsonNode first = loss.get("points").get(0);
        assertThat(first.get("step").asLong()).isEqualTo(1);
        assertThat(first.get("epoch").asInt()).isEqualTo(1);
        assertThat(first.get("value").asDouble()).isEqualTo(1.0);
        assertThat(Instant.parse(first.get("time").asString())).isEqualTo(AT.plusSeconds(1));
    }

    @Test
    void thinningKeepsTheEndsAndTheSpike() {
        JsonNode loss = get("/api/v1/training-runs/" + runId + "/metrics?names=train.loss&maxPoints=50").getBody()
                .get("metrics").get(0);

        assertThat(loss.get("recorded").asInt()).isEqualTo(1000);
        List<Long> steps = loss.get("points").findValues("step").stream().map(JsonNode::asLong).toList();
        assertThat(steps).hasSizeLessThanOrEqualTo(50).isSorted().contains(1L, 500L, 1000L);
    }

    @Test
    void aNameNotRecordedIsAnEmptySeriesInTheOrderAsked() {
        JsonNode history = get("/api/v1/training-runs/" + runId + "/metrics?names=valid.auc,valid.gauc").getBody();

        assertThat(history.get("metrics").findValuesAsString("name")).containsExactly("valid.auc", "valid.gauc");
        assertThat(history.get("metrics").get(0).get("points")).isEmpty();
        assertThat(history.get("metrics").get(1).get("points").get(0).get("value").asDouble()).isEqualTo(0.71);
    }

    @Test
    void badQueriesAreProblemsNamingTheField() {
        JsonNode malformed = assertProblem(get("/api/v1/training-runs/" + runId + "/metrics?names=loss;drop"), 400);
        assertThat(malformed.get("errors").get(0).get("field").asString()).isEqualTo("names");
        assertProblem(get("/api/v1/training-runs/" + runId + "/metrics?maxPoints=3"), 400);
        assertProblem(get("/api/v1/training-runs/" + runId + "/metrics?maxPoints=10001"), 400);
        assertProblem(get("/api/v1/training-runs/" + UUID.randomUUID() + "/metrics"), 404);
    }
}
