package io.dinplatform.api.batch;

import java.util.UUID;

import io.dinplatform.api.PlatformApiTest;
import io.dinplatform.api.SamplesCsv;
import io.dinplatform.api.serving.TrainedModels;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.model.ModelRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batch predictions through HTTP without a worker: what a request resolves to and records, the list, cancelling a
 * queued one, and every bad request answered with a problem and nothing stored. (The scoring itself runs on a
 * worker: see {@link BatchScoringOverHttpTest}.)
 */
class BatchPredictionApiTest extends PlatformApiTest {

    private static final String PATH = "/api/v1/batch-predictions";

    @Autowired
    ModelRepository models;
    @Autowired
    ArtifactStore artifacts;

    private String model;
    private String dataset;

    @BeforeEach
    void aModelWithTwoVersionsAndADataset() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        model = "batch-" + suffix;
        TrainedModels.register(artifacts, models, model, ModelType.DIN, 1);
        TrainedModels.register(artifacts, models, model, ModelType.DIN, 2);
        dataset = "batch-data-" + suffix;
        assertThat(upload(dataset, SamplesCsv.SCHEMA, SamplesCsv.bytes(SamplesCsv.rows(12, 0)), "s.csv")
                .getStatusCode().value()).isEqualTo(201);
    }

    @Test
    void anAliasIsResolvedWhenTheRequestIsAcceptedAndTheVersionIsRecorded() {
        putJson("/api/v1/models/" + model + "/aliases/production", "{\"version\": 1}");

        ResponseEntity<JsonNode> response = postJson(PATH, """
                {"model": {"name": "%s", "alias": "production"}, "dataset": {"name": "%s"}}
                """.formatted(model, dataset));

        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(202);
        JsonNode prediction = response.getBody();
        String id = prediction.get("id").asString();
        assertThat(response.getHeaders().getLocation()).hasPath(PATH + "/" + id);
        assertThat(prediction.get("status").asString()).isEqualTo("QUEUED");
        assertThat(prediction.get("model").get("name").asString()).isEqualTo(model);
        assertThat(prediction.get("model").get("version").asInt()).isEqualTo(1);
        assertThat(prediction.get("dataset").get("name").asString()).isEqualTo(dataset);
        assertThat(prediction.get("dataset").get("version").asInt()).isEqualTo(1);
        assertThat(prediction.get("progress").get("rowsScored").asLong()).isZero();
        assertThat(prediction.get("progress").get("rowsTotal").asLong()).isEqualTo(12);
        assertThat(prediction.get("partitions").asInt()).as("the default for 12 rows").isEqualTo(1);
        assertThat(prediction.get("request").get("model").get("alias").asString()).isEqualTo("production");
        assertThat(prediction.has("result")).isFalse();

        // Moving the alias later does not change what the accepted prediction scores with.
        putJson("/api/v1/models/" + model + "/aliases/production", "{\"version\": 2}");
        JsonNode shown = get(PATH + "/" + id).getBody();
        assertThat(shown.get("model").get("version").asInt()).isEqualTo(1);
        assertThat(get(PATH).getBody().findValuesAsString("id")).contains(id);
    }

    @Test
    void withoutVersionOrAliasTheModelsNewestVersionScores() {
        JsonNode prediction = postJson(PATH, """
                {"model": {"name": "%s"}, "dataset": {"name": "%s", "version": 1}}
                """.formatted(model, dataset)).getBody();

        assertThat(prediction.get("model").get("version").asInt()).isEqualTo(2);
    }

    @Test
    void theRequestedPartitionCountIsRecordedAndShown() {
        JsonNode prediction = postJson(PATH, """
                {"model": {"name": "%s"}, "dataset": {"name": "%s"}, "partitions": 3}
                """.formatted(model, dataset)).getBody();

        assertThat(prediction.get("partitions").asInt()).isEqualTo(3);
        assertThat(get(PATH + "/" + prediction.get("id").asString()).getBody().get("partitions").asInt())
                .isEqualTo(3);
    }

    @Test
    void theListShowsTheNewestFirst() {
        String first = submit(1);
        String second = submit(2);

        JsonNode list = get(PATH + "?limit=2").getBody();

        assertThat(list.findValuesAsString("id")).containsExactly(second, first);
    }

    @Test
    void aQueuedPredictionIsCancelledAtOnceAndHasNoResult() {
        String id = submit(1);

        JsonNode cancelled = postJson(PATH + "/" + id + "/cancel", "").getBody();

        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.get("cancelRequested").asBoolean()).isTrue();
        assertProblem(postJson(PATH + "/" + id + "/cancel", ""), 409);
        JsonNode noResult = assertProblem(get(PATH + "/" + id + "/result"), 409);
        assertThat(noResult.get("detail").asString()).contains("no result", "CANCELLED");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown model            | {"model": {"name": "no-such-model"}, "dataset": {"name": "DATASET"}}                         | 404 | model 'no-such-model' does not exist
            unknown model version    | {"model": {"name": "MODEL", "version": 9}, "dataset": {"name": "DATASET"}}                   | 404 | has no version 9
            unknown alias            | {"model": {"name": "MODEL", "alias": "canary"}, "dataset": {"name": "DATASET"}}              | 404 | has no alias 'canary'
            version and alias        | {"model": {"name": "MODEL", "version": 1, "alias": "canary"}, "dataset": {"name": "DATASET"}} | 400 | not both
            unknown dataset          | {"model": {"name": "MODEL"}, "dataset": {"name": "no-such-data"}}                            | 404 | dataset 'no-such-data' does not exist
            unknown dataset version  | {"model": {"name": "MODEL"}, "dataset": {"name": "DATASET", "version": 7}}                   | 404 | has no version 7
            no model                 | {"dataset": {"name": "DATASET"}}                                                             | 400 | model
            no dataset               | {"model": {"name": "MODEL"}}                                                                 | 400 | dataset
            invalid alias            | {"model": {"name": "MODEL", "alias": "Prod!"}, "dataset": {"name": "DATASET"}}               | 400 | alias
            version zero             | {"model": {"name": "MODEL", "version": 0}, "dataset": {"name": "DATASET"}}                   | 400 | version
            no partition             | {"model": {"name": "MODEL"}, "dataset": {"name": "DATASET"}, "partitions": 0}                | 400 | partitions
            too many partitions      | {"model": {"name": "MODEL"}, "dataset": {"name": "DATASET"}, "partitions": 65}               | 400 | max-partitions
            partitions not a number  | {"model": {"name": "MODEL"}, "dataset": {"name": "DATASET"}, "partitions": "many"}           | 400 | partitions
            unknown field            | {"model": {"name": "MODEL"}, "dataset": {"name": "DATASET"}, "chunkSize": 5}                 | 400 | chunkSize
            malformed JSON           | {"model": {"name": "MODEL"                                                                   | 400 | JSON
            """)
    void aBadRequestIsAProblemAndQueuesNothing(String what, String body, int status, String detail) {
        long before = count("batch_predictions");

        JsonNode problem = assertProblem(postJson(PATH, body.replace("MODEL", model).replace("DATASET", dataset)),
                status);

        assertThat(problem.toString()).as(what).contains(detail);
        assertThat(count("batch_predictions")).isEqualTo(before);
    }

    @Test
    void anUnknownOrMalformedIdIsAProblem() {
        assertProblem(get(PATH + "/" + UUID.randomUUID()), 404);
        assertProblem(get(PATH + "/" + UUID.randomUUID() + "/result"), 404);
        assertProblem(postJson(PATH + "/" + UUID.randomUUID() + "/cancel", ""), 404);
        assertProblem(get(PATH + "/not-a-uuid"), 400);
    }

    private String submit(int version) {
        ResponseEntity<JsonNode> response = postJson(PATH, """
                {"model": {"name": "%s", "version": %d}, "dataset": {"name": "%s"}}
                """.formatted(model, version, dataset));
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(202);
        return response.getBody().get("id").asString();
    }
}
