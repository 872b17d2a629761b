package io.dinplatform.api.permission;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Function;

import io.dinplatform.api.PlatformApiTest;
import io.dinplatform.api.SamplesCsv;
import io.dinplatform.api.TestHttp;
import io.dinplatform.api.MultipartForm;
import io.dinplatform.api.inference.GrpcClients;
import io.dinplatform.api.inference.InstanceTensors;
import io.dinplatform.api.inference.grpc.GrpcInferenceServer;
import io.dinplatform.api.serving.TrainedModels;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.token.ApiTokens;
import io.dinplatform.registry.token.IssuedToken;
import io.dinplatform.registry.token.TokenScope;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Permissions over HTTP: one dataset and one model owned by one token, with grants to others, and every
 * state-changing operation on them tried by each kind of caller. Every token holds the read, write and predict
 * scopes, so that what refuses is the permission, not the scope: the owner and an admin may do everything; a grantee
 * of write what changes the resource, but not its grants; a grantee of read sees it and is refused a change with
 * 403; a grantee of predict on the model scores with it; any other token is told that the resource does not exist,
 * exactly as for a missing one.
 */
class PermissionMatrixTest extends PlatformApiTest {

    private static final JsonMapper JSON = JsonMapper.shared();

    /** Who calls. */
    enum Role { OWNER, WRITER, READER, PREDICTOR, OTHER, ADMIN }

    @Autowired
    ApiTokens tokens;
    @Autowired
    ModelRepository models;
    @Autowired
    ArtifactStore artifacts;
    @Autowired
    GrpcInferenceServer grpc;

    private final Map<Role, RestClient> clients = new EnumMap<>(Role.class);
    private final Map<Role, String> secrets = new EnumMap<>(Role.class);
    private final Map<Role, String> principals = new EnumMap<>(Role.class);
    private String dataset;
    private String model;
    private String modelGrants;
    private String datasetGrants;
    private ManagedChannel channel;

    @BeforeEach
    void aDatasetAndAModelOfOneTokenWithGrantsToOthers() {
        for (Role role : Role.values()) {
            if (role == Role.ADMIN) {
                secrets.put(role, ADMIN_TOKEN);
                principals.put(role, "token:bootstrap");
            } else {
                IssuedToken issued = tokens.issue(role.name().toLowerCase(),
                        Set.of(TokenScope.READ, TokenScope.WRITE, TokenScope.PREDICT));
                secrets.put(role, issued.secret());
                principals.put(role, "token:" + issued.token().id());
            }
            clients.put(role, TestHttp.client(port, secrets.get(role)));
        }
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        dataset = "perm-data-" + suffix;
        model = "perm-model-" + suffix;
        assertThat(uploadAs(Role.OWNER, dataset).getStatusCode().value()).isEqualTo(201);
        assertThat(call(Role.OWNER, "POST", "/api/v1/models", "{\"name\": \"" + model + "\"}").getStatusCode()
                .value()).isEqualTo(201);
        TrainedModels.register(artifacts, models, model, ModelType.DIN, 1); // as a worker registers a trained version
        modelGrants = grants(Map.of(Role.WRITER, "write", Role.READER, "read", Role.PREDICTOR, "predict"));
        datasetGrants = grants(Map.of(Role.WRITER, "write", Role.READER, "read", Role.PREDICTOR, "read"));
        assertThat(call(Role.OWNER, "PUT", "/api/v1/models/" + model + "/grants", modelGrants).getStatusCode()
                .value()).isEqualTo(200);
        assertThat(call(Role.OWNER, "PUT", "/api/v1/datasets/" + dataset + "/grants", datasetGrants)
                .getStatusCode().value()).isEqualTo(200);
        channel = GrpcClients.channel(grpc.port());
    }

    @AfterEach
    void disconnect() {
        channel.shutdownNow();
    }

    @Test
    void theCreatorOwnsWhatItCreatedAndTheGrantsAreShownToWhoeverMayReadThem() {
        JsonNode shown = call(Role.READER, "GET", "/api/v1/models/" + model + "/grants", null).getBody();
        assertThat(shown.get("owner").asString()).isEqualTo(principals.get(Role.OWNER));
        assertThat(shown.get("grants").findValuesAsString("grantee")).containsExactlyInAnyOrder(
                principals.get(Role.WRITER), principals.get(Role.READER), principals.get(Role.PREDICTOR));
        assertThat(call(Role.OTHER, "GET", "/api/v1/datasets/" + dataset + "/grants", null).getStatusCode().value())
                .isEqualTo(404);
        assertThat(call(Role.WRITER, "GET", "/api/v1/datasets/" + dataset + "/grants", null).getBody().get("owner")
                .asString()).isEqualTo(principals.get(Role.OWNER));
    }

    @Test
    void datasetVersionsAndGrants() {
        expect("register a dataset version", role -> uploadAs(role, dataset),
                201, 201, 403, 403, 404, 201);
        expect("replace a dataset's grants",
                role -> call(role, "PUT", "/api/v1/datasets/" + dataset + "/grants", datasetGrants),
                200, 403, 403, 403, 404, 200);
        assertThat(count("dataset_versions v JOIN datasets d ON d.id = v.dataset_id WHERE d.name = '" + dataset
                + "'")).as("the first version and one by each of the owner, the writer and the admin").isEqualTo(4);
    }

    @Test
    void trainingRunsNeedReadOnTheDatasetAndWriteOnTheModel() {
        expect("queue a training run", role -> call(role, "POST", "/api/v1/training-runs", runRequest(model)),
                202, 202, 403, 403, 404, 202);
        expect("cancel a training run", role -> call(role, "POST", "/api/v1/training-runs/" + queuedRun()
                + "/cancel", null), 200, 200, 403, 403, 404, 200);
        String run = queuedRun();
        assertThat(call(Role.OTHER, "GET", "/api/v1/training-runs/" + run, null).getStatusCode().value())
                .isEqualTo(404);
        assertThat(call(Role.READER, "GET", "/api/v1/training-runs/" + run, null).getStatusCode().value())
                .isEqualTo(200);
    }

    @Test
    void theFirstRunOfANewModelMakesItsCallerTheOwner() {
        String fresh = model + "-new";
        assertThat(call(Role.READER, "POST", "/api/v1/training-runs", runRequest(fresh)).getStatusCode().value())
                .as("read on the dataset is enough for a model that does not exist yet").isEqualTo(202);
        assertThat(call(Role.READER, "GET", "/api/v1/models/" + fresh + "/grants", null).getBody().get("owner")
                .asString()).isEqualTo(principals.get(Role.READER));
        assertThat(call(Role.WRITER, "POST", "/api/v1/training-runs", runRequest(fresh)).getStatusCode().value())
                .as("the model exists now, and is the reader's").isEqualTo(404);
        assertThat(call(Role.OWNER, "POST", "/api/v1/training-runs", "{\"dataset\": {\"name\": \"" + dataset
                + "\"}, \"model\": \"" + model + "-invalid\", \"training\": {\"epochs\": -1}}").getStatusCode().value())
                .isEqualTo(400);
        assertThat(count("registered_models WHERE name = '" + model + "-invalid'"))
                .as("a refused run creates no model").isZero();
    }

    @Test
    void aliasesAndImpressionLogging() {
        expect("move an alias", role -> call(role, "PUT", "/api/v1/models/" + model + "/aliases/production",
                "{\"version\": 1}"), 200, 200, 403, 403, 404, 200);
        expect("remove an alias", role -> {
            call(Role.ADMIN, "PUT", "/api/v1/models/" + model + "/aliases/staging", "{\"version\": 1}");
            return call(role, "DELETE", "/api/v1/models/" + model + "/aliases/staging", null);
        }, 204, 204, 403, 403, 404, 204);
        expect("set the impression logging", role -> call(role, "PUT", "/api/v1/models/" + model
                + "/impression-logging", "{\"sampleRate\": 0.5}"), 200, 200, 403, 403, 404, 200);
        expect("replace a model's grants", role -> call(role, "PUT", "/api/v1/models/" + model + "/grants",
                modelGrants), 200, 403, 403, 403, 404, 200);
    }

    @Test
    void batchPredictionsNeedReadOnBothAndWriteOnTheModelToCancel() {
        expect("submit a batch prediction", role -> call(role, "POST", "/api/v1/batch-predictions",
                batchRequest()), 202, 202, 202, 202, 404, 202);
        expect("cancel a batch prediction", role -> call(role, "POST", "/api/v1/batch-predictions/"
                + submittedBatch() + "/cancel", null), 200, 200, 403, 403, 404, 200);
    }

    @Test
    void servingNeedsPredictOnTheModel() {
        String instances = json(Map.of("instances", TrainedModels.instances(3, 2)));
        expect("predict", role -> call(role, "POST", "/api/v1/models/" + model + "/predict", instances),
                200, 200, 403, 200, 404, 200);
        String rank = json(Map.of("context", TrainedModels.user(new SplittableRandom(4)),
                "candidates", List.of(Map.of("item_id", "i1", "cate_id", "c1"), Map.of("item_id", "i2",
                        "cate_id", "c2")), "topK", 1));
        expect("rank", role -> call(role, "POST", "/api/v1/models/" + model + "/rank", rank),
                200, 200, 403, 200, 404, 200);
        String infer = json(Map.of("inputs", InstanceTensors.of(TrainedModels.instances(5, 2))));
        expect("infer (Open Inference Protocol, REST)", role -> call(role, "POST", "/v2/models/" + model + "/infer",
                infer), 200, 200, 403, 200, 404, 200);
        expect("model metadata (Open Inference Protocol, REST)", role -> call(role, "GET", "/v2/models/" + model,
                null), 200, 200, 403, 200, 404, 200);

        var request = GrpcClients.request(model, "", InstanceTensors.of(TrainedModels.instances(5, 2))).build();
        assertThat(GrpcClients.stub(channel, secrets.get(Role.PREDICTOR)).modelInfer(request).getOutputsCount())
                .isPositive();
        assertThat(grpcStatus(() -> GrpcClients.stub(channel, secrets.get(Role.READER)).modelInfer(request)))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(grpcStatus(() -> GrpcClients.stub(channel, secrets.get(Role.OTHER)).modelInfer(request)))
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void aGrantTakesEffectOnServingAtOnceAndSoDoesItsRemoval() {
        String instances = json(Map.of("instances", TrainedModels.instances(3, 1)));
        String predict = "/api/v1/models/" + model + "/predict";
        assertThat(call(Role.OTHER, "POST", predict, instances).getStatusCode().value()).isEqualTo(404);

        call(Role.OWNER, "PUT", "/api/v1/models/" + model + "/grants",
                grants(Map.of(Role.OTHER, "predict")));
        assertThat(call(Role.OTHER, "POST", predict, instances).getStatusCode().value()).isEqualTo(200);
        assertThat(call(Role.PREDICTOR, "POST", predict, instances).getStatusCode().value())
                .as("its grant was replaced").isEqualTo(404);

        call(Role.OWNER, "PUT", "/api/v1/models/" + model + "/grants", "{\"grants\": []}");
        assertThat(call(Role.OTHER, "POST", predict, instances).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void aResourceTheCallerMayNotReadAnswersExactlyAsAMissingOne() {
        String missing = "perm-missing-" + UUID.randomUUID().toString().substring(0, 8);
        for (String path : List.of("/api/v1/models/%s", "/api/v1/datasets/%s/versions", "/api/v1/models/%s/grants",
                "/api/v1/datasets/%s/versions/latest", "/api/v1/models/%s/versions/1")) {
            String name = path.contains("datasets") ? dataset : model;
            JsonNode hidden = assertProblem(call(Role.OTHER, "GET", path.formatted(name), null), 404);
            JsonNode absent = assertProblem(call(Role.OTHER, "GET", path.formatted(missing), null), 404);
            assertThat(hidden.get("detail").asString().replace(name, missing)).as(path)
                    .isEqualTo(absent.get("detail").asString());
            assertThat(hidden.get("type").asString()).isEqualTo(absent.get("type").asString());
        }
        JsonNode forbidden = assertProblem(call(Role.READER, "PUT", "/api/v1/models/" + model
                + "/aliases/production", "{\"version\": 1}"), 403);
        assertThat(forbidden.get("type").asString()).isEqualTo("/problems/forbidden");
        assertThat(forbidden.get("requiredPermission").asString()).isEqualTo("write");
    }

    @Test
    void listsShowOnlyWhatTheCallerMayRead() {
        String run = queuedRun();
        String batch = submittedBatch();
        for (Role role : List.of(Role.OTHER, Role.READER, Role.ADMIN)) {
            boolean sees = role != Role.OTHER;
            assertThat(names(role, "/api/v1/datasets")).as("%s lists datasets", role).matches(names ->
                    names.contains(dataset) == sees);
            assertThat(names(role, "/api/v1/models")).as("%s lists models", role).matches(names ->
                    names.contains(model) == sees);
            assertThat(call(role, "GET", "/api/v1/training-runs?limit=500", null).getBody().findValuesAsString("id"))
                    .as("%s lists runs", role).matches(ids -> ids.contains(run) == sees);
            assertThat(call(role, "GET", "/api/v1/batch-predictions?limit=500", null).getBody()
                    .findValuesAsString("id")).as("%s lists batch predictions", role).matches(ids ->
                    ids.contains(batch) == sees);
        }
    }

    @Test
    void grantsAreValidatedAndABadRequestChangesNothing() {
        for (String body : List.of("{\"grants\": [{\"grantee\": \"everyone\", \"permission\": \"read\"}]}",
                "{\"grants\": [{\"grantee\": \"token:abc\", \"permission\": \"admin\"}]}",
                "{\"grants\": [{\"grantee\": \"token:abc\"}]}", "{}")) {
            assertProblem(call(Role.OWNER, "PUT", "/api/v1/models/" + model + "/grants", body), 400);
        }
        assertThat(call(Role.OWNER, "GET", "/api/v1/models/" + model + "/grants", null).getBody().get("grants")
                .size()).isEqualTo(3);
    }

    /**
     * Calls the operation as each role, in the order of {@link Role}, and asserts the statuses all at once, so that
     * a failure shows the whole row of the matrix.
     */
    private void expect(String operation, Function<Role, ResponseEntity<JsonNode>> call, int... statuses) {
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (Role role : Role.values()) {
            ResponseEntity<JsonNode> response = call.apply(role);
            expected.add(role + " " + statuses[role.ordinal()]);
            actual.add(role + " " + response.getStatusCode().value()
                    + (response.getStatusCode().value() == statuses[role.ordinal()] ? "" : " " + response.getBody()));
        }
        assertThat(actual).as(operation).isEqualTo(expected);
    }

    private ResponseEntity<JsonNode> call(Role role, String method, String path, String body) {
        RestClient.RequestBodySpec request = clients.get(role).method(org.springframework.http.HttpMethod.valueOf(
                method)).uri(path);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.retrieve().toEntity(JsonNode.class);
    }

    private ResponseEntity<JsonNode> uploadAs(Role role, String name) {
        return clients.get(role).post().uri("/api/v1/datasets").contentType(MediaType.MULTIPART_FORM_DATA)
                .body(new MultipartForm().field("name", name).json("schema", SamplesCsv.SCHEMA)
                        .file("file", SamplesCsv.bytes(SamplesCsv.rows(12, role.ordinal())), "s.csv").parts())
                .retrieve().toEntity(JsonNode.class);
    }

    private String runRequest(String modelName) {
        return """
                {"dataset": {"name": "%s"}, "model": "%s",
                 "architecture": {"type": "DIN", "embeddingDim": 4},
                 "training": {"epochs": 1, "batchSize": 8}}
                """.formatted(dataset, modelName);
    }

    private String batchRequest() {
        return "{\"model\": {\"name\": \"" + model + "\"}, \"dataset\": {\"name\": \"" + dataset + "\"}}";
    }

    private String queuedRun() {
        ResponseEntity<JsonNode> queued = call(Role.ADMIN, "POST", "/api/v1/training-runs", runRequest(model));
        assertThat(queued.getStatusCode().value()).as("%s", queued.getBody()).isEqualTo(202);
        return queued.getBody().get("id").asString();
    }

    private String submittedBatch() {
        ResponseEntity<JsonNode> submitted = call(Role.ADMIN, "POST", "/api/v1/batch-predictions", batchRequest());
        assertThat(submitted.getStatusCode().value()).as("%s", submitted.getBody()).isEqualTo(202);
        return submitted.getBody().get("id").asString();
    }

    private List<String> names(Role role, String path) {
        return call(role, "GET", path, null).getBody().findValuesAsString("name");
    }

    private String grants(Map<Role, String> permissions) {
        List<Map<String, String>> grants = new ArrayList<>();
        permissions.forEach((role, permission) -> grants.add(Map.of("grantee", principals.get(role),
                "permission", permission)));
        return json(Map.of("grants", grants));
    }

    private static Status.Code grpcStatus(Runnable call) {
        Throwable refused = catchThrowable(call::run);
        assertThat(refused).isInstanceOf(StatusRuntimeException.class);
        return ((StatusRuntimeException) refused).getStatus().getCode();
    }

    private static String json(Object value) {
        return JSON.writeValueAsString(value);
    }
}
