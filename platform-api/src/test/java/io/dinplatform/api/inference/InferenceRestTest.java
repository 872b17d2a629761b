package io.dinplatform.api.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.dinplatform.api.PlatformApiTest;
import io.dinplatform.api.TestHttp;
import io.dinplatform.api.serving.TrainedModels;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.token.ApiTokens;
import io.dinplatform.registry.token.TokenScope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Open Inference Protocol over REST with a plain HTTP client, against models trained for real: health,
 * metadata, readiness, infer with scores equal to the v1 predict's to the float, and every refusal in the
 * protocol's error form.
 */
class InferenceRestTest extends PlatformApiTest {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final long SEED = 21;

    @Autowired
    ModelRepository models;

    @Autowired
    ArtifactStore artifacts;

    @Autowired
    ApiTokens tokens;

    @LocalServerPort
    int localPort;

    @Test
    void serverHealthAndMetadataAnswerWithoutAToken() {
        RestClient anonymous = TestHttp.builder().baseUrl("http://localhost:" + localPort)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
        assertThat(anonymous.get().uri("/v2/health/live").retrieve().toBodilessEntity().getStatusCode().value())
                .isEqualTo(200);
        assertThat(anonymous.get().uri("/v2/health/ready").retrieve().toBodilessEntity().getStatusCode().value())
                .isEqualTo(200);
        JsonNode server = anonymous.get().uri("/v2").retrieve().body(JsonNode.class);
        assertThat(server.get("name").asString()).isEqualTo("din-platform");
        assertThat(server.get("extensions").isArray()).isTrue();
    }

    @Test
    void metadataHasOneInputPerFeatureAndTheVersionSegmentTakesNumbersAndAliases() {
        String name = registered(ModelType.DIN);
        TrainedModels.register(artifacts, models, name, ModelType.DIN, SEED + 1);
        models.moveAlias(name, "production", 1);

        JsonNode metadata = ok(get("/v2/models/" + name));
        assertThat(metadata.get("name").asString()).isEqualTo(name);
        assertThat(metadata.get("versions").get(0).asString()).as("production is version 1").isEqualTo("1");
        Map<String, String> inputs = new java.util.HashMap<>();
        metadata.get("inputs").forEach(input -> inputs.put(input.get("name").asString(),
                input.get("datatype").asString() + input.get("shape")));
        assertThat(inputs).containsEntry("user_id", "BYTES[-1]").containsEntry("item_id", "BYTES[-1]")
                .containsEntry("hist_item_id", "BYTES[-1,-1]").containsEntry("hist_cate_id", "BYTES[-1,-1]");
        assertThat(metadata.get("outputs").valueStream().map(o -> o.get("name").asString()).toList())
                .containsExactly("score", "attention");

        assertThat(ok(get("/v2/models/" + name + "/versions/2")).get("versions").get(0).asString()).isEqualTo("2");
        assertThat(ok(get("/v2/models/" + name + "/versions/latest")).get("versions").get(0).asString())
                .isEqualTo("2");
        assertThat(ok(get("/v2/models/" + name + "/versions/production")).get("versions").get(0).asString())
                .isEqualTo("1");
        assertThat(get("/v2/models/" + name + "/ready").getStatusCode().value()).isEqualTo(200);
        assertThat(get("/v2/models/" + name + "/versions/2/ready").getStatusCode().value()).isEqualTo(200);

        assertError(get("/v2/models/" + name + "/versions/9"), 404, "no version 9");
        assertError(get("/v2/models/" + name + "/versions/canary/ready"), 404, "canary");
        assertError(get("/v2/models/no-such-model-" + name), 404, "does not exist");
    }

    @Test
    void inferScoresEqualTheV1PredictToTheFloatWithAttentionOnRequest() {
        String name = registered(ModelType.DIN);
        List<Map<String, Object>> instances = TrainedModels.instances(7, 25);
        JsonNode v1 = ok(postJson("/api/v1/models/" + name + "/predict",
                json(Map.of("instances", instances, "explain", true)))).get("predictions");

        JsonNode answer = ok(postJson(inferPath(name, "/versions/1"), json(Map.of("id", "request-7",
                "inputs", InstanceTensors.of(instances), "outputs", List.of(Map.of("name", "attention"),
                        Map.of("name", "score"))))));

        assertThat(answer.get("model_name").asString()).isEqualTo(name);
        assertThat(answer.get("model_version").asString()).isEqualTo("1");
        assertThat(answer.get("id").asString()).isEqualTo("request-7");
        JsonNode score = output(answer, "score");
        assertThat(score.get("datatype").asString()).isEqualTo("FP32");
        assertThat(score.get("shape").get(0).asLong()).isEqualTo(25);
        JsonNode attention = output(answer, "attention");
        long length = attention.get("shape").get(1).asLong();
        assertThat(length).isEqualTo(TrainedModels.MAX_HISTORY);
        for (int i = 0; i < 25; i++) {
            assertThat(score.get("data").get(i).floatValue()).as("instance %d", i)
                    .isEqualTo(v1.get(i).get("score").floatValue());
            JsonNode weights = v1.get(i).get("attention");
            for (int t = 0; t < length; t++) {
                float expected = t < weights.size() ? weights.get(t).floatValue() : 0f;
                assertThat(attention.get("data").get((int) (i * length + t)).floatValue())
                        .as("instance %d item %d", i, t).isEqualTo(expected);
            }
        }

        JsonNode plain = ok(postJson(inferPath(name, ""), json(Map.of("inputs", InstanceTensors.of(instances)))));
        assertThat(plain.get("outputs")).hasSize(1);
        assertThat(plain.has("id")).isFalse();
        JsonNode explained = ok(postJson(inferPath(name, ""), json(Map.of("parameters", Map.of("explain", true),
                "inputs", InstanceTensors.of(instances)))));
        assertThat(output(explained, "attention")).isEqualTo(attention);
    }

    @Test
    void nestedDataIsTheSameAsFlat() {
        String name = registered(ModelType.DIN);
        List<Map<String, Object>> instances = TrainedModels.instances(8, 3);
        List<Map<String, Object>> nested = new ArrayList<>();
        for (InferenceTensor tensor : InstanceTensors.of(instances)) {
            Object data = tensor.data();
            if (tensor.shape().size() == 2) {
                int length = tensor.shape().get(1).intValue();
                List<List<?>> rows = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    rows.add(tensor.data().subList(i * length, (i + 1) * length));
                }
                data = rows;
            }
            nested.add(Map.of("name", tensor.name(), "datatype", tensor.datatype(), "shape", tensor.shape(),
                    "data", data));
        }
        JsonNode flat = ok(postJson(inferPath(name, ""), json(Map.of("inputs", InstanceTensors.of(instances)))));
        JsonNode rows = ok(postJson(inferPath(name, ""), json(Map.of("inputs", nested))));
        assertThat(output(rows, "score")).isEqualTo(output(flat, "score"));
    }

    @Test
    void badTensorsAreRefusedInTheProtocolsErrorForm() {
        String name = registered(ModelType.DIN);
        List<Map<String, Object>> instances = TrainedModels.instances(9, 2);
        List<InferenceTensor> good = InstanceTensors.of(instances);

        List<Object> joined = new ArrayList<>(good.subList(0, 3));
        joined.add(Map.of("name", "hist_item_id", "datatype", "BYTES", "shape", List.of(2),
                "data", List.of("i1|i2", "i3")));
        joined.add(good.get(4));
        assertError(postJson(inferPath(name, ""), json(Map.of("inputs", joined))), 400, "[N, L]");

        assertError(postJson(inferPath(name, ""), json(Map.of("inputs", replace(good, 0,
                new InferenceTensor("user_id", "INT64", List.of(2L), List.of(1, 2)))))), 400, "datatype INT64");
        assertError(postJson(inferPath(name, ""), json(Map.of("inputs", replace(good, 1,
                new InferenceTensor("item_id", "BYTES", List.of(3L), List.of("i1", "i2")))))), 400, "3 elements");
        assertError(postJson(inferPath(name, ""), json(Map.of("inputs", replace(good, 1,
                new InferenceTensor("item_id", "BYTES", List.of(3L), List.of("i1", "i2", "i3")))))), 400,
                "same first dimension");
        assertError(postJson(inferPath(name, ""), json(Map.of("inputs", replace(good, 0,
                new InferenceTensor("shoe_size", "BYTES", List.of(2L), List.of("a", "b")))))), 400, "no such input");
        assertError(postJson(inferPath(name, ""), json(Map.of("inputs", replace(good, 3,
                new InferenceTensor("hist_item_id", "BYTES", List.of(2L, 2L), List.of("", "i1", "i2", "")))))),
                400, "padding");
        assertError(postJson(inferPath(name, ""), json(Map.of("inputs", good, "outputs",
                List.of(Map.of("name", "logits"))))), 400, "no such output");
        assertError(postJson(inferPath(name, ""), json(Map.of("inputs", List.of(new InferenceTensor("user_id",
                "BYTES", List.of(1001L), java.util.Collections.nCopies(1001, "u1")))))), 400,
                "din.serving.max-instances-per-request");
        assertError(postJson(inferPath(name, ""), json(Map.of("inputs", good.subList(0, 4)))), 400,
                "input 'hist_cate_id': missing");
        assertError(postJson(inferPath(name, ""), "{\"inputs\": [{\"name\": "), 400, "not valid JSON");
        assertError(postJson(inferPath(name, ""), "{}"), 400, "inputs");
        assertError(postJson(inferPath("no-such-model", ""), json(Map.of("inputs", good))), 404, "does not exist");

        String base = registered(ModelType.BASE);
        assertError(postJson(inferPath(base, ""), json(Map.of("inputs", good, "outputs",
                List.of(Map.of("name", "attention"))))), 400, "DIN");
    }

    @Test
    void inferNeedsThePredictScope() {
        String name = registered(ModelType.DIN);
        String body = json(Map.of("inputs", InstanceTensors.of(TrainedModels.instances(1, 1))));
        String reader = tokens.issue("oip-reader", java.util.Set.of(TokenScope.READ)).secret();
        String predictor = tokens.issue("oip-predictor", java.util.Set.of(TokenScope.PREDICT)).secret();

        assertProblem(TestHttp.client(localPort, "not-a-token").post().uri(inferPath(name, ""))
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(JsonNode.class), 401);
        assertProblem(TestHttp.client(localPort, reader).post().uri(inferPath(name, ""))
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(JsonNode.class), 403);
        assertThat(TestHttp.client(localPort, predictor).post().uri(inferPath(name, ""))
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(JsonNode.class)
                .getStatusCode().value()).isEqualTo(200);
        assertThat(TestHttp.client(localPort, predictor).get().uri("/v2/models/" + name).retrieve()
                .toEntity(JsonNode.class).getStatusCode().value()).isEqualTo(200);
    }

    private String registered(ModelType type) {
        String name = "oip-" + type.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        TrainedModels.register(artifacts, models, name, type, SEED);
        return name;
    }

    private static List<InferenceTensor> replace(List<InferenceTensor> tensors, int index, InferenceTensor with) {
        List<InferenceTensor> replaced = new ArrayList<>(tensors);
        replaced.set(index, with);
        return replaced;
    }

    private static String inferPath(String name, String version) {
        return "/v2/models/" + name + version + "/infer";
    }

    private static JsonNode output(JsonNode answer, String name) {
        return answer.get("outputs").valueStream().filter(o -> o.get("name").asString().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no output " + name + " in " + answer));
    }

    private static JsonNode ok(ResponseEntity<JsonNode> response) {
        assertThat(response.getStatusCode().value()).as("status of %s", response.getBody()).isEqualTo(200);
        return response.getBody();
    }

    private static void assertError(ResponseEntity<JsonNode> response, int status, String mentions) {
        assertThat(response.getStatusCode().value()).as("status of %s", response.getBody()).isEqualTo(status);
        assertThat(response.getBody().get("error").asString()).contains(mentions);
        assertThat(response.getBody().size()).as("only the error: %s", response.getBody()).isEqualTo(1);
    }

    private static String json(Object value) {
        return JSON.writeValueAsString(value);
    }
}
