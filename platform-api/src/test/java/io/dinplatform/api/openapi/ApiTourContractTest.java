package io.dinplatform.api.openapi;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.dinplatform.api.EmbeddedWorkerApiTest;
import io.dinplatform.api.MultipartForm;
import io.dinplatform.api.SamplesCsv;
import io.dinplatform.api.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's API tour, and the errors it can meet, through a client that checks every request and every answer
 * against the served OpenAPI document ({@link OpenApiContract}): upload and build a dataset, train a model with the
 * worker the platform embeds (the real engine, following the run until it ends), move an alias, predict and rank,
 * score the dataset offline and download the scores, create and revoke a token. Small data, so that it is quick.
 */
class ApiTourContractTest extends EmbeddedWorkerApiTest {

    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final Path DATA_DIR = temporaryDirectory("din-contract-test-");
    private static final String INSTANCE = "{\"user_id\": \"u1\", \"item_id\": \"i101\", \"cate_id\": \"c1\", "
            + "\"hist_item_id\": [\"i102\", \"i103\"], \"hist_cate_id\": [\"c2\", \"c3\"]}";

    @LocalServerPort
    int serverPort;

    private OpenApiContract contract;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("din.data-dir", DATA_DIR::toString);
    }

    @BeforeEach
    void checkedClient() {
        contract = OpenApiContract.served(serverPort);
        http = TestHttp.builder().baseUrl("http://localhost:" + serverPort)
                .defaultHeader("Authorization", "Bearer " + TOKEN)
                .requestInterceptor(contract.checkingExchanges())
                .defaultStatusHandler(status -> true, (request, response) -> {
                    // every status is asserted below
                })
                .build();
    }

    @AfterEach
    void everyExchangeKeptTheContract() {
        contract.assertKept();
    }

    @Test
    void theTourKeepsTheDocument() {
        assertStatus(http.post().uri("/api/v1/datasets").contentType(MediaType.MULTIPART_FORM_DATA)
                .body(new MultipartForm().field("name", "tour-clicks").json("schema", SamplesCsv.SCHEMA)
                        .file("file", SamplesCsv.gzip(SamplesCsv.rows(400, 0, 40)), "samples.csv.gz")
                        .file("items", "id,title,category\ni101,The first,c1\ni120,\"Second, the\",c0\n"
                                .getBytes(StandardCharsets.UTF_8), "items.csv").parts())
                .retrieve().toEntity(JsonNode.class), 201);
        assertStatus(http.post().uri("/api/v1/datasets/builds").contentType(MediaType.MULTIPART_FORM_DATA)
                .body(new MultipartForm().field("name", "tour-catalogue").field("protocol", "NEXT_ITEM")
                        .field("format", "CSV")
                        .file("interactions", ("user,item,timestamp\nu1,B01,1\nu1,B02,2\nu1,B03,3\nu2,B04,1\n"
                                + "u2,B01,2\nu2,B02,3\n").getBytes(StandardCharsets.UTF_8), "interactions.csv")
                        .file("items", "item,category\nB01,Bags\nB02,Cables\nB03,Cameras\nB04,Bags\n"
                                .getBytes(StandardCharsets.UTF_8), "items.csv").parts())
                .retrieve().toEntity(JsonNode.class), 201);
        assertStatus(get("/api/v1/datasets"), 200);
        assertStatus(get("/api/v1/datasets/tour-clicks/versions"), 200);
        assertStatus(get("/api/v1/datasets/tour-clicks/versions/latest"), 200);
        assertStatus(get("/api/v1/datasets/tour-clicks/versions/1/users?limit=3"), 200);
        assertStatus(get("/api/v1/datasets/tour-clicks/versions/1/users/u1"), 200);
        assertThat(assertStatus(get("/api/v1/datasets/tour-clicks/versions/1/items?ids=i120,i101"), 200)
                .get("items")).hasSize(2);
        assertStatus(get("/api/v1/datasets/tour-catalogue/versions/latest/items?limit=2"), 200);

        JsonNode run = assertStatus(postJson("/api/v1/training-runs", """
                {"dataset": {"name": "tour-clicks", "version": 1}, "model": "tour-din",
                 "architecture": {"type": "DIN", "embeddingDim": 4, "attention": {"hiddenUnits": [8]},
                                  "mlp": {"hiddenUnits": [8]}},
                 "training": {"epochs": 2, "batchSize": 64, "regularization": {"type": "MBA", "lambda": 0.01},
                              "optimizer": {"learningRate": 0.0005}, "seed": 7},
                 "promoteAlias": "production"}"""), 202);
        String runPath = "/api/v1/training-runs/" + run.get("id").asString();
        assertThat(awaitFinal(runPath, WAIT).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(assertStatus(get("/api/v1/training-runs?limit=5"), 200).findValues("learningRate"))
                .as("a learning rate under 1e-3, which a float format would have the validator refuse")
                .anySatisfy(rate -> assertThat(rate.asDouble()).isEqualTo(0.0005));
        assertStatus(http.get().uri(runPath + "/events").accept(MediaType.TEXT_EVENT_STREAM).retrieve()
                .toEntity(String.class), 200);
        assertThat(assertStatus(get(runPath + "/metrics?names=train.loss,valid.gauc&maxPoints=50"), 200)
                .get("metrics")).hasSize(2);

        assertStatus(get("/api/v1/models"), 200);
        assertStatus(get("/api/v1/models/tour-din"), 200);
        assertStatus(get("/api/v1/models/tour-din/versions/1?base=1"), 200);
        assertThat(assertStatus(get("/api/v1/models/tour-din/versions/1/items?ids=i101"), 200).get("items").get(0)
                .get("title").asString()).isEqualTo("The first");
        assertStatus(putJson("/api/v1/models/tour-din/aliases/staging", "{\"version\": 1}"), 200);
        assertStatus(get("/api/v1/models/tour-din/aliases/staging"), 200);
        assertStatus(http.delete().uri("/api/v1/models/tour-din/aliases/staging").retrieve().toBodilessEntity(), 204);
        assertStatus(postJson("/api/v1/models/tour-din/predict?alias=production",
                "{\"instances\": [" + INSTANCE + "], \"explain\": true}"), 200);
        assertStatus(postJson("/api/v1/models/tour-din/rank", "{\"context\": " + INSTANCE + ", \"candidates\": "
                + "[{\"item_id\": \"i101\", \"cate_id\": \"c1\"}, {\"item_id\": \"i120\", \"cate_id\": \"c0\"}], "
                + "\"topK\": 1}"), 200);

        JsonNode batch = assertStatus(postJson("/api/v1/batch-predictions", """
                {"model": {"name": "tour-din", "alias": "production"}, "dataset": {"name": "tour-clicks"},
                 "partitions": 2}"""), 202);
        String batchPath = "/api/v1/batch-predictions/" + batch.get("id").asString();
        assertThat(awaitFinal(batchPath, WAIT).get("status").asString()).isEqualTo("SUCCEEDED");
        ResponseEntity<String> scores = http.get().uri(batchPath + "/result").retrieve().toEntity(String.class);
        assertStatus(scores, 200);
        assertThat(scores.getBody()).startsWith("row,group,item,score,label");
        assertStatus(get("/api/v1/batch-predictions?limit=5"), 200);

        JsonNode sweep = assertStatus(postJson("/api/v1/sweeps", """
                {"base": {"dataset": {"name": "tour-clicks"}, "model": "tour-swept", "training": {"epochs": 1}},
                 "space": {"training.optimizer.learningRate": {"type": "LOG_UNIFORM", "low": 0.0001, "high": 0.1}},
                 "maxTrials": 3, "parallelism": 1}"""), 202);
        String sweepPath = "/api/v1/sweeps/" + sweep.get("id").asString();
        assertStatus(get(sweepPath), 200);
        assertStatus(get("/api/v1/sweeps?limit=5"), 200);
        assertStatus(http.post().uri(sweepPath + "/cancel").retrieve().toEntity(JsonNode.class), 200);

        JsonNode token = assertStatus(postJson("/api/v1/tokens",
                "{\"name\": \"tour scoring\", \"scopes\": [\"predict\"]}"), 201);
        String tokenPath = "/api/v1/tokens/" + token.get("id").asString();
        assertStatus(get("/api/v1/tokens"), 200);
        assertStatus(get(tokenPath), 200);
        assertStatus(http.delete().uri(tokenPath).retrieve().toBodilessEntity(), 204);

        theDocumentedErrors(runPath, batchPath, token.get("token").asString());
    }

    /**
     * The errors a client of the tour meets, each answered as the document says; requests that break the document on
     * purpose have only their answers checked.
     */
    private void theDocumentedErrors(String finishedRun, String finishedBatch, String revokedToken) {
        RestClient invalid = TestHttp.builder().baseUrl("http://localhost:" + serverPort)
                .defaultHeader("Authorization", "Bearer " + TOKEN)
                .requestInterceptor(contract.checkingAnswers())
                .defaultStatusHandler(status -> true, (request, response) -> {
                }).build();
        assertStatus(postJson("/api/v1/models", "{\"name\": \"tour-din\"}"), 409);
        assertStatus(postJson(finishedRun + "/cancel", ""), 409);
        assertStatus(postJson(finishedBatch + "/cancel", ""), 409);
        assertStatus(get("/api/v1/models/no-such-model"), 404);
        assertStatus(get("/api/v1/training-runs/00000000-0000-0000-0000-000000000000"), 404);
        assertStatus(invalid.post().uri("/api/v1/training-runs").contentType(MediaType.APPLICATION_JSON)
                .body("{\"dataset\": {\"name\": \"tour-clicks\"}, \"model\": \"m\", \"training\": {\"batchSize\": 0}}")
                .retrieve().toEntity(JsonNode.class), 400);
        assertStatus(postJson("/api/v1/models/tour-din/predict", "{\"instances\": []}"), 400);
        assertStatus(invalid.post().uri("/api/v1/models").contentType(MediaType.TEXT_PLAIN).body("tour")
                .retrieve().toEntity(String.class), 415);
        assertStatus(invalid.get().uri("/api/v1/models").accept(MediaType.TEXT_PLAIN).retrieve()
                .toEntity(String.class), 406);
        assertStatus(invalid.get().uri(finishedBatch + "/result").accept(MediaType.APPLICATION_XML).retrieve()
                .toEntity(String.class), 406);
        ResponseEntity<String> notAllowed = invalid.delete().uri("/api/v1/datasets").retrieve().toEntity(String.class);
        assertStatus(notAllowed, 405);
        assertThat(notAllowed.getHeaders().getAllow()).as("the methods the path has").contains(HttpMethod.GET,
                HttpMethod.POST);
        assertThat(notAllowed.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertStatus(http.post().uri("/api/v1/datasets").contentType(MediaType.MULTIPART_FORM_DATA)
                .body(new MultipartForm().field("name", "tour-broken").json("schema", SamplesCsv.SCHEMA)
                        .file("file", SamplesCsv.bytes(SamplesCsv.HEADER + "\nu1,i1,c1,,,maybe\n"), "bad.csv")
                        .parts()).retrieve().toEntity(JsonNode.class), 422);
        assertStatus(http.post().uri("/api/v1/datasets").contentType(MediaType.MULTIPART_FORM_DATA)
                .body(new MultipartForm().field("name", "tour-broken").json("schema", SamplesCsv.SCHEMA)
                        .file("file", SamplesCsv.bytes(SamplesCsv.rows(20, 0)), "samples.csv")
                        .file("items", "id,name\ni1,x\n".getBytes(StandardCharsets.UTF_8), "items.csv")
                        .parts()).retrieve().toEntity(JsonNode.class), 400);
        assertStatus(get("/api/v1/datasets/tour-clicks/versions/9/items"), 404);
        RestClient withoutToken = TestHttp.builder().baseUrl("http://localhost:" + serverPort)
                .requestInterceptor(contract.checkingExchanges())
                .defaultStatusHandler(status -> true, (request, response) -> {
                }).build();
        assertStatus(withoutToken.get().uri("/api/v1/models").retrieve().toEntity(JsonNode.class), 401);
        assertStatus(withoutToken.get().uri("/api/v1/models").header("Authorization", "Bearer " + revokedToken)
                .retrieve().toEntity(JsonNode.class), 401);
        String predictOnly = postJson("/api/v1/tokens", "{\"name\": \"tour predict\", \"scopes\": [\"predict\"]}")
                .getBody().get("token").asString();
        assertStatus(withoutToken.post().uri("/api/v1/models").header("Authorization", "Bearer " + predictOnly)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("name", "tour-other")).retrieve()
                .toEntity(JsonNode.class), 403);
    }

    private ResponseEntity<JsonNode> putJson(String path, String json) {
        return http.put().uri(path).contentType(MediaType.APPLICATION_JSON).body(json).retrieve()
                .toEntity(JsonNode.class);
    }

    private static <T> T assertStatus(ResponseEntity<T> response, int status) {
        assertThat(response.getStatusCode().value()).as("status, answer %s", response.getBody()).isEqualTo(status);
        return response.getBody();
    }
}
