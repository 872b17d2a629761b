package io.dinplatform.api.inference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import io.dinplatform.api.PlatformApiTest;
import io.dinplatform.api.inference.grpc.GrpcInferenceServer;
import io.dinplatform.api.inference.grpc.v2.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import io.dinplatform.api.inference.grpc.v2.InferParameter;
import io.dinplatform.api.inference.grpc.v2.InferTensorContents;
import io.dinplatform.api.inference.grpc.v2.ModelInferRequest;
import io.dinplatform.api.inference.grpc.v2.ModelInferRequest.InferInputTensor;
import io.dinplatform.api.inference.grpc.v2.ModelInferResponse;
import io.dinplatform.api.inference.grpc.v2.ModelMetadataRequest;
import io.dinplatform.api.inference.grpc.v2.ModelMetadataResponse;
import io.dinplatform.api.inference.grpc.v2.ModelReadyRequest;
import io.dinplatform.api.inference.grpc.v2.ServerLiveRequest;
import io.dinplatform.api.inference.grpc.v2.ServerMetadataRequest;
import io.dinplatform.api.inference.grpc.v2.ServerReadyRequest;
import io.dinplatform.api.serving.TrainedModels;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.model.ModelVersion;
import io.dinplatform.registry.token.ApiTokens;
import io.dinplatform.registry.token.TokenScope;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Open Inference Protocol over gRPC with a grpc-java client generated from the same proto, against models
 * trained for real: health, metadata, readiness, infer (typed and raw contents) scoring exactly as REST v1 and v2,
 * every error status, a deadline, and a batch at the request limit.
 */
class GrpcInferenceTest extends PlatformApiTest {

    private static final long SEED = 23;

    @Autowired
    ModelRepository models;

    @Autowired
    ArtifactStore artifacts;

    @Autowired
    ApiTokens tokens;

    @Autowired
    GrpcInferenceServer server;

    private ManagedChannel channel;
    private GRPCInferenceServiceBlockingStub admin;

    @BeforeEach
    void connect() {
        channel = GrpcClients.channel(server.port());
        admin = GrpcClients.stub(channel, ADMIN_TOKEN);
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void serverHealthAndMetadataAnswerWithoutATokenAndGrpcHealthSaysServing() {
        GRPCInferenceServiceBlockingStub anonymous = GrpcClients.stub(channel, null);
        assertThat(anonymous.serverLive(ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();
        assertThat(anonymous.serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isTrue();
        assertThat(anonymous.serverMetadata(ServerMetadataRequest.getDefaultInstance()).getName())
                .isEqualTo("din-platform");
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
        for (String service : List.of("", "inference.GRPCInferenceService")) {
            assertThat(health.check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus())
                    .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        }
    }

    @Test
    void modelMetadataAndReadinessFollowTheVersionSegment() {
        String name = registered(ModelType.DIN, SEED);
        TrainedModels.register(artifacts, models, name, ModelType.DIN, SEED + 1);
        models.moveAlias(name, "canary", 2);

        ModelMetadataResponse metadata = admin.modelMetadata(ModelMetadataRequest.newBuilder().setName(name)
                .setVersion("canary").build());
        assertThat(metadata.getVersionsList()).containsExactly("2");
        assertThat(metadata.getInputsList()).extracting(ModelMetadataResponse.TensorMetadata::getName)
                .containsExactlyInAnyOrder("user_id", "item_id", "cate_id", "hist_item_id", "hist_cate_id");
        assertThat(metadata.getInputsList()).filteredOn(t -> t.getName().equals("hist_item_id"))
                .singleElement().satisfies(t -> {
                    assertThat(t.getDatatype()).isEqualTo("BYTES");
                    assertThat(t.getShapeList()).containsExactly(-1L, -1L);
                });
        assertThat(metadata.getOutputsList()).extracting(ModelMetadataResponse.TensorMetadata::getName)
                .containsExactly("score", "attention");
        assertThat(admin.modelMetadata(ModelMetadataRequest.newBuilder().setName(name).build()).getVersionsList())
                .as("no production alias: the newest").containsExactly("2");

        assertThat(admin.modelReady(ModelReadyRequest.newBuilder().setName(name).setVersion("1").build()).getReady())
                .isTrue();
        assertStatus(() -> admin.modelReady(ModelReadyRequest.newBuilder().setName(name).setVersion("3").build()),
                Status.Code.NOT_FOUND, "no version 3");
        assertStatus(() -> admin.modelMetadata(ModelMetadataRequest.newBuilder().setName("nope-" + name).build()),
                Status.Code.NOT_FOUND, "does not exist");
    }

    @Test
    void theSameInstanceScoresIdenticallyOnRestV1RestV2AndGrpc() {
        String name = registered(ModelType.DIN, SEED);
        List<Map<String, Object>> instances = TrainedModels.instances(13, 30);
        List<InferenceTensor> tensors = InstanceTensors.of(instances);
        JsonNode v1 = postJson("/api/v1/models/" + name + "/predict", JsonMapper.shared().writeValueAsString(
                Map.of("instances", instances, "explain", true))).getBody().get("predictions");
        JsonNode v2 = postJson("/v2/models/" + name + "/infer", JsonMapper.shared().writeValueAsString(
                Map.of("inputs", tensors))).getBody().get("outputs").get(0).get("data");

        ModelInferResponse typed = admin.modelInfer(GrpcClients.request(name, "1", tensors).setId("call-1")
                .putParameters("explain", InferParameter.newBuilder().setBoolParam(true).build()).build());
        ModelInferResponse raw = admin.modelInfer(GrpcClients.rawRequest(name, "", tensors).build());

        assertThat(typed.getModelName()).isEqualTo(name);
        assertThat(typed.getModelVersion()).isEqualTo("1");
        assertThat(typed.getId()).isEqualTo("call-1");
        ModelInferResponse.InferOutputTensor score = typed.getOutputs(0);
        assertThat(score.getName()).isEqualTo("score");
        assertThat(score.getDatatype()).isEqualTo("FP32");
        assertThat(score.getShapeList()).containsExactly(30L);
        ModelInferResponse.InferOutputTensor attention = typed.getOutputs(1);
        assertThat(attention.getName()).isEqualTo("attention");
        long length = attention.getShape(1);
        for (int i = 0; i < 30; i++) {
            float v1Score = v1.get(i).get("score").floatValue();
            assertThat(score.getContents().getFp32Contents(i)).as("gRPC, instance %d", i).isEqualTo(v1Score);
            assertThat(raw.getOutputs(0).getContents().getFp32Contents(i)).as("raw, instance %d", i)
                    .isEqualTo(v1Score);
            assertThat(v2.get(i).floatValue()).as("REST v2, instance %d", i).isEqualTo(v1Score);
            JsonNode weights = v1.get(i).get("attention");
            for (int t = 0; t < weights.size(); t++) {
                assertThat(attention.getContents().getFp32Contents((int) (i * length + t)))
                        .isEqualTo(weights.get(t).floatValue());
            }
        }
        assertThat(raw.getOutputsList()).as("score alone unless attention is asked for").hasSize(1);
    }

    @Test
    void aBatchAtTheRequestLimitIsScoredAndOneMoreIsRefused() {
        String name = registered(ModelType.DIN, SEED);
        List<Map<String, Object>> instances = TrainedModels.instances(17, 1000);
        ModelInferResponse answer = admin.modelInfer(GrpcClients.request(name, "", InstanceTensors.of(instances))
                .build());
        assertThat(answer.getOutputs(0).getContents().getFp32ContentsList()).hasSize(1000)
                .allSatisfy(score -> assertThat(score).isBetween(0f, 1f));

        List<Map<String, Object>> tooMany = new ArrayList<>(instances);
        tooMany.add(instances.get(0));
        assertStatus(() -> admin.modelInfer(GrpcClients.request(name, "", InstanceTensors.of(tooMany)).build()),
                Status.Code.INVALID_ARGUMENT, "din.serving.max-instances-per-request");
    }

    @Test
    void badTensorsAreInvalidArgumentsNeverInternal() {
        String name = registered(ModelType.DIN, SEED);
        List<InferenceTensor> good = InstanceTensors.of(TrainedModels.instances(19, 2));
        ModelInferRequest valid = GrpcClients.request(name, "", good).build();

        ModelInferRequest joined = valid.toBuilder().setInputs(3, InferInputTensor.newBuilder()
                .setName("hist_item_id").setDatatype("BYTES").addShape(2).setContents(InferTensorContents.newBuilder()
                        .addBytesContents(ByteString.copyFromUtf8("i1|i2"))
                        .addBytesContents(ByteString.copyFromUtf8("i3")))).build();
        assertStatus(() -> admin.modelInfer(joined), Status.Code.INVALID_ARGUMENT, "[N, L]");
        ModelInferRequest wrongType = valid.toBuilder().setInputs(0, InferInputTensor.newBuilder().setName("user_id")
                .setDatatype("INT64").addShape(2).setContents(InferTensorContents.newBuilder()
                        .addInt64Contents(1).addInt64Contents(2))).build();
        assertStatus(() -> admin.modelInfer(wrongType), Status.Code.INVALID_ARGUMENT, "datatype INT64");
        ModelInferRequest unknownType = valid.toBuilder().setInputs(0, valid.getInputs(0).toBuilder()
                .setDatatype("STRING")).build();
        assertStatus(() -> admin.modelInfer(unknownType), Status.Code.INVALID_ARGUMENT, "STRING");
        ModelInferRequest wrongShape = valid.toBuilder().setInputs(1, valid.getInputs(1).toBuilder().setShape(0, 3))
                .build();
        assertStatus(() -> admin.modelInfer(wrongShape), Status.Code.INVALID_ARGUMENT, "elements");
        ModelInferRequest notUtf8 = valid.toBuilder().setInputs(0, valid.getInputs(0).toBuilder().setContents(
                InferTensorContents.newBuilder().addBytesContents(ByteString.copyFrom(new byte[] {(byte) 0xff}))
                        .addBytesContents(ByteString.copyFromUtf8("u1")))).build();
        assertStatus(() -> admin.modelInfer(notUtf8), Status.Code.INVALID_ARGUMENT, "UTF-8");

        ModelInferRequest raw = GrpcClients.rawRequest(name, "", good).build();
        assertStatus(() -> admin.modelInfer(raw.toBuilder().clearRawInputContents()
                        .addAllRawInputContents(raw.getRawInputContentsList().subList(1, 5)).build()),
                Status.Code.INVALID_ARGUMENT, "raw_input_contents");
        ByteString cut = raw.getRawInputContents(0).substring(0, raw.getRawInputContents(0).size() - 1);
        assertStatus(() -> admin.modelInfer(raw.toBuilder().setRawInputContents(0, cut).build()),
                Status.Code.INVALID_ARGUMENT, "user_id");
        ByteString hugeLength = ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f});
        assertStatus(() -> admin.modelInfer(raw.toBuilder().setRawInputContents(0, hugeLength).build()),
                Status.Code.INVALID_ARGUMENT, "declares");
        assertStatus(() -> admin.modelInfer(valid.toBuilder().addOutputs(ModelInferRequest.InferRequestedOutputTensor
                .newBuilder().setName("logits")).build()), Status.Code.INVALID_ARGUMENT, "no such output");
        assertStatus(() -> admin.modelInfer(valid.toBuilder().setModelName("").build()),
                Status.Code.INVALID_ARGUMENT, "name");
        assertStatus(() -> admin.modelInfer(ModelInferRequest.newBuilder().setModelName(name).build()),
                Status.Code.INVALID_ARGUMENT, "inputs");

        assertStatus(() -> admin.modelInfer(valid.toBuilder().setModelName("nope-" + name).build()),
                Status.Code.NOT_FOUND, "does not exist");
        assertStatus(() -> admin.modelInfer(valid.toBuilder().setModelVersion("4").build()),
                Status.Code.NOT_FOUND, "no version 4");
        assertThat(admin.modelInfer(valid).getOutputs(0).getContents().getFp32ContentsCount())
                .as("the server still answers").isEqualTo(2);
    }

    @Test
    void modelCallsNeedATokenWithThePredictScope() {
        String name = registered(ModelType.DIN, SEED);
        ModelInferRequest request = GrpcClients.request(name, "", InstanceTensors.of(TrainedModels.instances(3, 1)))
                .build();
        String reader = tokens.issue("grpc-reader", Set.of(TokenScope.READ)).secret();
        String predictor = tokens.issue("grpc-predictor", Set.of(TokenScope.PREDICT)).secret();

        assertStatus(() -> GrpcClients.stub(channel, null).modelInfer(request), Status.Code.UNAUTHENTICATED,
                "token");
        assertStatus(() -> GrpcClients.stub(channel, "din_not-a-token").modelInfer(request),
                Status.Code.UNAUTHENTICATED, "not valid");
        assertStatus(() -> GrpcClients.stub(channel, reader).modelMetadata(ModelMetadataRequest.newBuilder()
                .setName(name).build()), Status.Code.PERMISSION_DENIED, "predict");
        assertThat(GrpcClients.stub(channel, predictor).modelInfer(request).getOutputsCount()).isEqualTo(1);
    }

    @Test
    void aCallPastItsDeadlineEndsAsSuchAndOneWithinItIsAnswered() {
        String name = registered(ModelType.DIN, SEED);
        ModelInferRequest request = GrpcClients.request(name, "", InstanceTensors.of(TrainedModels.instances(5, 4)))
                .build();

        assertStatus(() -> admin.withDeadlineAfter(1, TimeUnit.NANOSECONDS).modelInfer(request),
                Status.Code.DEADLINE_EXCEEDED, "");
        assertThat(admin.withDeadlineAfter(60, TimeUnit.SECONDS).modelInfer(request).getOutputs(0).getContents()
                .getFp32ContentsCount()).isEqualTo(4);
    }

    @Test
    void aCorruptBundleIsUnavailableAndServesOnceRepaired() throws Exception {
        String name = "grpc-corrupt-" + UUID.randomUUID().toString().substring(0, 8);
        // a seed of its own: the artifact store keeps one file per content, shared by every model with it
        ModelVersion version = TrainedModels.register(artifacts, models, name, ModelType.DIN, 31);
        Path bundle = DATA_DIR.resolve("artifacts").resolve(artifacts.storageKey(version.bundleSha256()));
        byte[] original = Files.readAllBytes(bundle);
        byte[] corrupt = original.clone();
        corrupt[corrupt.length / 2] ^= 0x01;
        ModelInferRequest request = GrpcClients.request(name, "1", InstanceTensors.of(TrainedModels.instances(5, 2)))
                .build();

        Files.write(bundle, corrupt);
        try {
            assertStatus(() -> admin.modelInfer(request), Status.Code.UNAVAILABLE, "corrupt");
            assertThat(admin.modelReady(ModelReadyRequest.newBuilder().setName(name).build()).getReady()).isFalse();
        } finally {
            Files.write(bundle, original);
        }
        assertThat(admin.modelInfer(request).getOutputsCount()).isEqualTo(1);
    }

    private String registered(ModelType type, long seed) {
        String name = "grpc-" + type.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        TrainedModels.register(artifacts, models, name, type, seed);
        return name;
    }

    static void assertStatus(Runnable call, Status.Code code, String mentions) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).as("status of %s", e.getStatus()).isEqualTo(code);
            assertThat(String.valueOf(e.getStatus().getDescription())).contains(mentions);
        });
    }
}
