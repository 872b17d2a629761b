package io.dinplatform.api.run;

import java.util.UUID;

import io.dinplatform.api.PlatformApiTest;
import io.dinplatform.api.SamplesCsv;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrainingRunApiTest extends PlatformApiTest {

    private static final String REQUEST = """
            {
              "dataset": {"name": "%s", "version": 1},
              "model": "movielens-din",
              "architecture": {"type": "DIN", "embeddingDim": 18,
                               "attention": {"hiddenUnits": [80, 40], "activation": "DICE", "normalization": "NONE"},
                               "mlp": {"hiddenUnits": [200, 80], "activation": "DICE"}},
              "training": {"epochs": 5, "batchSize": 256, "optimizer": {"type": "ADAM", "learningRate": 0.001},
                           "regularization": {"type": "MBA", "lambda": 0.01}, "seed": 7, "device": "AUTO"}
            }
            """;

    private String dataset;
    private long runsBefore;

    @BeforeEach
    void registerADataset() {
        dataset = "runs-" + UUID.randomUUID().toString().substring(0, 8);
        upload(dataset, SamplesCsv.SCHEMA, SamplesCsv.bytes(SamplesCsv.rows(10, 0)), "s.csv");
        runsBefore = count("training_runs");
    }

    @Test
    void aValidRequestIsQueuedWithEveryDefaultFilledIn() {
        ResponseEntity<JsonNode> response = postJson("/api/v1/training-runs", REQUEST.formatted(dataset));

        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(202);
        JsonNode run = response.getBody();
        assertThat(run.get("status").asString()).isEqualTo("QUEUED");
        assertThat(run.get("model").asString()).isEqualTo("movielens-din");
        assertThat(run.get("dataset").get("name").asString()).isEqualTo(dataset);
        String id = run.get("id").asString();
        assertThat(response.getHeaders().getLocation()).hasPath("/api/v1/training-runs/" + id);
        JsonNode stored = run.get("request");
        assertThat(stored.get("training").get("seed").asLong()).isEqualTo(7);
        assertThat(stored.get("training").get("earlyStoppingPatience").isNumber()).as("a default").isTrue();
        assertThat(stored.get("training").get("selectionMetric").asString()).as("the default").isEqualTo("GAUC");
        assertThat(stored.get("architecture").get("attention").get("input").asString()).isEqualTo("OFFICIAL");
        assertThat(stored.get("architecture").get("interestCandidateProduct").asBoolean()).isTrue();

        assertThat(get("/api/v1/training-runs/" + id).getBody()).isEqualTo(run);
        assertThat(get("/api/v1/training-runs?status=QUEUED").getBody().findValuesAsString("id")).contains(id);
        assertThat(count("training_runs")).isEqualTo(runsBefore + 1);
        runsBefore++;
    }

    @Test
    void aMinimalRequestTrainsOnTheNewestVersionWithDefaults() {
        ResponseEntity<JsonNode> response = postJson("/api/v1/training-runs",
                "{\"dataset\": {\"name\": \"" + dataset + "\"}, \"model\": \"m\"}");

        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(202);
        JsonNode stored = response.getBody().get("request");
        assertThat(stored.get("dataset").get("version").asInt()).isEqualTo(1);
        assertThat(stored.get("architecture").get("type").asString()).isEqualTo("DIN");
        assertThat(stored.get("architecture").get("embeddingDim").asInt()).isEqualTo(18);
        assertThat(stored.get("training").get("epochs").asInt()).isEqualTo(5);
        assertThat(stored.get("training").get("optimizer").get("type").asString()).isEqualTo("ADAM");
        assertThat(stored.get("training").get("regularization").get("type").asString()).isEqualTo("MBA");
        runsBefore++;
    }

    @Test
    void theDecouplingOfMbaIsStoredAsGivenAndAbsentMeansTheOptimizersDefault() {
        ResponseEntity<JsonNode> coupled = postJson("/api/v1/training-runs", REQUEST.formatted(dataset)
                .replace("\"lambda\": 0.01}", "\"lambda\": 0.01, \"decoupled\": false}"));
        ResponseEntity<JsonNode> unset = postJson("/api/v1/training-runs", REQUEST.formatted(dataset));

        assertThat(coupled.getStatusCode().value()).as("%s", coupled.getBody()).isEqualTo(202);
        assertThat(coupled.getBody().get("request").get("training").get("regularization").get("decoupled")
                .asBoolean(true)).isFalse();
        JsonNode unsetDecoupled = unset.getBody().get("request").get("training").get("regularization")
                .get("decoupled");
        assertThat(unsetDecoupled == null || unsetDecoupled.isNull()).as("%s", unsetDecoupled).isTrue();
        runsBefore += 2;
    }

    @Test
    void theIdDropoutIsStoredPerFeatureAndChecksTheDatasetsSchema() {
        ResponseEntity<JsonNode> asked = postJson("/api/v1/training-runs", REQUEST.formatted(dataset)
                .replace("\"seed\": 7", "\"seed\": 7, \"idDropout\": {\"user_id\": 0.2, \"item_id\": 0}"));

        assertThat(asked.getStatusCode().value()).as("%s", asked.getBody()).isEqualTo(202);
        runsBefore++;
        JsonNode stored = asked.getBody().get("request").get("training").get("idDropout");
        assertThat(stored.get("user_id").asDouble()).isCloseTo(0.2, within(1e-6));
        assertThat(stored.get("item_id").asDouble()).isZero();

        JsonNode unknown = assertProblem(postJson("/api/v1/training-runs", REQUEST.formatted(dataset)
                .replace("\"seed\": 7", "\"seed\": 7, \"idDropout\": {\"userid\": 0.2, \"hist_item_id\": 0.1}")),
                400);
        assertThat(unknown.get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("training.idDropout.userid", "training.idDropout.hist_item_id");
        JsonNode certain = assertProblem(postJson("/api/v1/training-runs", REQUEST.formatted(dataset)
                .replace("\"seed\": 7", "\"seed\": 7, \"idDropout\": {\"user_id\": 1}")), 400);
        assertThat(certain.get("errors").findValuesAsString("field"))
                .anySatisfy(field -> assertThat(field).startsWith("training.idDropout"));
    }

    @Test
    void anUnknownDatasetOrVersionIsNotFound() {
        assertProblem(postJson("/api/v1/training-runs", REQUEST.formatted("no-such-dataset")), 404);
        JsonNode problem = assertProblem(postJson("/api/v1/training-runs",
                REQUEST.formatted(dataset).replace("\"version\": 1", "\"version\": 3")), 404);
        assertThat(problem.get("detail").asString()).contains("has no version 3");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "\"epochs\": 5                      | \"epochs\": 0                     | training.epochs",
            "\"batchSize\": 256                 | \"batchSize\": 100000             | training.batchSize",
            "\"embeddingDim\": 18               | \"embeddingDim\": -4              | architecture.embeddingDim",
            "\"learningRate\": 0.001            | \"learningRate\": -1              | training.optimizer.learningRate",
            "\"lambda\": 0.01                   | \"lambda\": 1e300                 | training.regularization.lambda",
            "\"lambda\": 0.01                   | \"lambda\": 0.01, \"decoupled\": \"perhaps\" | training.regularization.decoupled",
            "\"hiddenUnits\": [80, 40]          | \"hiddenUnits\": [80, 0]          | architecture.attention.hiddenUnits[1]",
            "\"hiddenUnits\": [200, 80]         | \"hiddenUnits\": []               | architecture.mlp.hiddenUnits",
            "\"device\": \"AUTO\"               | \"device\": \"TPU\"               | training.device",
            "\"activation\": \"DICE\", \"norm   | \"activation\": \"TANH\", \"norm  | architecture.attention.activation",
            "\"epochs\": 5                      | \"epoch\": 5                      | training.epoch",
            "\"epochs\": 5                      | \"epochs\": \"five\"              | training.epochs",
            "\"seed\": 7                        | \"seed\": 7.5                     | training.seed",
            "\"seed\": 7                        | \"seed\": 7, \"selectionMetric\": \"MAP\" | training.selectionMetric",
            "\"model\": \"movielens-din\"       | \"model\": \"bad name\"           | model",
            "\"model\": \"movielens-din\",      | \"mode\": \"x\",                  | mode",
            "\"model\": \"movielens-din\",      | \"model\": \"m\", \"promoteAlias\": \"Prod!\", | promoteAlias",
    })
    void anOutOfRangeOrMalformedParameterIsRefusedNamingTheField(String valid, String invalid, String field) {
        String request = REQUEST.formatted(dataset);
        assertThat(request).contains(valid.strip());

        JsonNode problem = assertProblem(postJson("/api/v1/training-runs",
                request.replace(valid.strip(), invalid.strip())), 400);

        assertThat(problem.get("errors").findValuesAsString("field")).contains(field);
    }

    @ParameterizedTest
    @CsvSource({"GAUC", "AUC", "LOGLOSS"})
    void theSelectionMetricAskedForIsStoredForTheWorker(String metric) {
        String request = REQUEST.formatted(dataset).replace("\"seed\": 7",
                "\"seed\": 7, \"selectionMetric\": \"" + metric + "\"");

        ResponseEntity<JsonNode> response = postJson("/api/v1/training-runs", request);

        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(202);
        runsBefore++;
        assertThat(response.getBody().get("request").get("training").get("selectionMetric").asString())
                .isEqualTo(metric);
    }

    @Test
    void anAliasToPromoteIsStoredWithTheRequestForTheWorker() {
        String request = REQUEST.formatted(dataset).replace("\"model\": \"movielens-din\",",
                "\"model\": \"movielens-din\", \"promoteAlias\": \"production\",");

        ResponseEntity<JsonNode> response = postJson("/api/v1/training-runs", request);

        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(202);
        runsBefore++;
        assertThat(response.getBody().get("request").get("promoteAlias").asString()).isEqualTo("production");
        assertThat(postJson("/api/v1/training-runs", REQUEST.formatted(dataset)).getBody().get("request")
                .has("promoteAlias")).as("none asked, none stored").isFalse();
        runsBefore++;
    }

    @Test
    void aReservedAliasCannotBePromoted() {
        String request = REQUEST.formatted(dataset).replace("\"model\": \"movielens-din\",",
                "\"model\": \"movielens-din\", \"promoteAlias\": \"latest\",");

        JsonNode problem = assertProblem(postJson("/api/v1/training-runs", request), 400);

        assertThat(problem.get("detail").asString()).contains("promoteAlias", "'latest' is reserved");
    }

    @Test
    void malformedJsonIsRefused() {
        assertProblem(postJson("/api/v1/training-runs", "{\"dataset\": "), 400);
        assertProblem(postJson("/api/v1/training-runs", REQUEST.formatted(dataset).replace("0.001", "NaN")), 400);
        assertProblem(postJson("/api/v1/training-runs", ""), 400);
    }

    @Test
    void unknownOrMalformedRunIdsAreNotFoundOrRefused() {
        assertProblem(get("/api/v1/training-runs/" + UUID.randomUUID()), 404);
        assertProblem(get("/api/v1/training-runs/not-a-uuid"), 400);
        assertProblem(get("/api/v1/training-runs?limit=0"), 400);
        assertProblem(get("/api/v1/training-runs?status=DONE"), 400);
    }

    @Test
    void aQueuedRunIsCancelledOnceAndThenConflicts() {
        String id = postJson("/api/v1/training-runs", REQUEST.formatted(dataset)).getBody().get("id").asString();
        runsBefore++;

        JsonNode cancelled = postJson("/api/v1/training-runs/" + id + "/cancel", "").getBody();

        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
        assertProblem(postJson("/api/v1/training-runs/" + id + "/cancel", ""), 409);
    }

    @AfterEach
    void refusedRequestsQueueNothing() {
        assertThat(count("training_runs")).isEqualTo(runsBefore);
    }
}
