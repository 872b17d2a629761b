package io.dinplatform.api.sweep;

import java.util.List;
import java.util.UUID;

import io.dinplatform.api.PlatformApiTest;
import io.dinplatform.api.SamplesCsv;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Sweeps over HTTP with no worker: what starts, what is refused and what a cancellation leaves. */
class SweepApiTest extends PlatformApiTest {

    private String dataset;

    @BeforeEach
    void registerADataset() {
        dataset = "sweeps-" + UUID.randomUUID().toString().substring(0, 8);
        upload(dataset, SamplesCsv.SCHEMA, SamplesCsv.bytes(SamplesCsv.rows(10, 0)), "s.csv");
    }

    private String sweep(String space, String options) {
        return """
                {"base": {"dataset": {"name": "%s"}, "model": "swept", "training": {"epochs": 2}},
                 "space": %s %s}
                """.formatted(dataset, space, options);
    }

    @Test
    void aSweepQueuesAsManyTrialsAsItsParallelismWithTheirParameters() {
        ResponseEntity<JsonNode> started = postJson("/api/v1/sweeps", sweep("""
                {"training.optimizer.learningRate": {"type": "LOG_UNIFORM", "low": 0.0001, "high": 0.1},
                 "architecture.embeddingDim": {"type": "CHOICE", "values": [8, 16]}}
                """, ", \"maxTrials\": 6, \"parallelism\": 3, \"seed\": 11"));

        assertThat(started.getStatusCode().value()).as("%s", started.getBody()).isEqualTo(202);
        JsonNode sweep = started.getBody();
        assertThat(started.getHeaders().getLocation()).hasPath("/api/v1/sweeps/" + sweep.get("id").asString());
        assertThat(sweep.get("status").asString()).isEqualTo("RUNNING");
        assertThat(sweep.get("definition").get("algorithm").asString()).as("the default").isEqualTo("RANDOM");
        assertThat(sweep.get("definition").get("objective").asString()).isEqualTo("VALID_GAUC");
        assertThat(sweep.get("trials")).hasSize(3);
        for (JsonNode trial : sweep.get("trials")) {
            assertThat(trial.get("status").asString()).isEqualTo("QUEUED");
            JsonNode run = get("/api/v1/training-runs/" + trial.get("runId").asString()).getBody();
            JsonNode parameters = trial.get("parameters");
            assertThat(run.get("request").get("training").get("optimizer").get("learningRate").asDouble())
                    .isEqualTo(parameters.get("training.optimizer.learningRate").asDouble()).isBetween(1e-4, 0.1);
            assertThat(run.get("request").get("architecture").get("embeddingDim").asInt())
                    .isEqualTo(parameters.get("architecture.embeddingDim").asInt());
            assertThat(run.get("request").get("training").get("epochs").asInt()).as("from the base").isEqualTo(2);
        }
        assertThat(get("/api/v1/sweeps/" + sweep.get("id").asString()).getBody().get("trials")).hasSize(3);
        assertThat(get("/api/v1/sweeps").getBody().findValuesAsString("id")).contains(sweep.get("id").asString());
    }

    @Test
    void aCancelledSweepLeavesNoQueuedTrial() {
        JsonNode sweep = postJson("/api/v1/sweeps", sweep("""
                {"training.batchSize": {"type": "CHOICE", "values": [32, 64, 128]}}
                """, ", \"algorithm\": \"GRID\", \"parallelism\": 2")).getBody();
        String id = sweep.get("id").asString();

        JsonNode cancelled = postJson("/api/v1/sweeps/" + id + "/cancel", "").getBody();

        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.get("trials")).hasSize(2)
                .allSatisfy(trial -> assertThat(trial.get("status").asString()).isEqualTo("CANCELLED"));
        assertProblem(postJson("/api/v1/sweeps/" + id + "/cancel", ""), 409);
        assertProblem(get("/api/v1/sweeps/" + UUID.randomUUID()), 404);
    }

    @Test
    void aBadSpaceIsA400NamingTheFieldAndRecordsNothing() {
        long sweepsBefore = count("sweeps");
        long runsBefore = count("training_runs");
        List<String[]> cases = List.of(
                new String[] {"{\"training.batchSize\": {\"type\": \"CHOICE\", \"values\": []}}", "",
                        "space.training.batchSize.values"},
                new String[] {"{\"training.optimizer.learningRate\": {\"type\": \"UNIFORM\", \"low\": 0.1, "
                        + "\"high\": 0.01}}", "", "space.training.optimizer.learningRate.low"},
                new String[] {"{\"training.optimizer.learningRate\": {\"type\": \"LOG_UNIFORM\", \"low\": 0, "
                        + "\"high\": 0.1}}", "", "space.training.optimizer.learningRate.low"},
                new String[] {"{\"training.noSuchField\": {\"type\": \"CHOICE\", \"values\": [1]}}", "",
                        "space.training.noSuchField"},
                new String[] {"{\"model\": {\"type\": \"CHOICE\", \"values\": [\"m\"]}}", "", "space.model"},
                new String[] {"{\"training.optimizer.learningRate\": {\"type\": \"UNIFORM\", \"low\": 0.001, "
                        + "\"high\": 0.1}}", ", \"algorithm\": \"GRID\"", "space.training.optimizer.learningRate.type"},
                new String[] {"{\"training.batchSize\": {\"type\": \"INT_RANGE\", \"low\": 1, \"high\": 100000000}}",
                        "", "space.training.batchSize"});
        for (String[] bad : cases) {
            JsonNode problem = assertProblem(postJson("/api/v1/sweeps", sweep(bad[0], bad[1])), 400);
            assertThat(problem.get("errors").findValuesAsString("field")).as("%s", problem).contains(bad[2]);
        }
        JsonNode promoting = assertProblem(postJson("/api/v1/sweeps", """
                {"base": {"dataset": {"name": "%s"}, "model": "swept", "promoteAlias": "production"},
                 "space": {"training.batchSize": {"type": "CHOICE", "values": [32]}}}
                """.formatted(dataset)), 400);
        assertThat(promoting.get("errors").findValuesAsString("field")).contains("base.promoteAlias");
        assertThat(count("sweeps")).isEqualTo(sweepsBefore);
        assertThat(count("training_runs")).isEqualTo(runsBefore);
    }
}
