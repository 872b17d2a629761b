package io.dinplatform.api.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import com.google.protobuf.ByteString;
import io.dinplatform.api.PlatformApiTest;
import io.dinplatform.api.inference.GrpcClients;
import io.dinplatform.api.inference.InstanceTensors;
import io.dinplatform.api.inference.grpc.GrpcInferenceServer;
import io.dinplatform.api.inference.grpc.v2.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import io.dinplatform.api.inference.grpc.v2.InferParameter;
import io.dinplatform.api.inference.grpc.v2.InferTensorContents;
import io.dinplatform.api.inference.grpc.v2.ModelInferRequest;
import io.dinplatform.api.inference.grpc.v2.ModelInferRequest.InferInputTensor;
import io.dinplatform.api.inference.grpc.v2.ModelMetadataRequest;
import io.dinplatform.api.inference.grpc.v2.ModelReadyRequest;
import io.dinplatform.api.serving.TrainedModels;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.model.ModelRepository;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile calls to the Open Inference Protocol over gRPC: hostile names, versions and ids, shapes that lie,
 * unknown datatypes, random raw bytes, invalid UTF-8, abusive sizes. Each is refused with INVALID_ARGUMENT or
 * NOT_FOUND, or answered; never INTERNAL or UNKNOWN.
 */
class HostileGrpcInputTest extends PlatformApiTest {

    private static final String MODEL = "hostile-grpc-model";
    private static boolean modelReady;

    @Autowired
    ModelRepository models;

    @Autowired
    ArtifactStore artifacts;

    @Autowired
    GrpcInferenceServer server;

    private ManagedChannel channel;

    /** A call of the hostile kind and whether it may succeed (an odd id is data, not an error). */
    record HostileCall(String description, Function<GRPCInferenceServiceBlockingStub, Object> call,
                       boolean mayAnswer) {

        @Override
        public String toString() {
            return description;
        }
    }

    @BeforeEach
    void connect() {
        if (!modelReady) {
            TrainedModels.register(artifacts, models, MODEL, ModelType.DIN, 11);
            modelReady = true;
        }
        channel = GrpcClients.channel(server.port());
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void isRefusedAsBadInputNeverAsAServerFault(HostileCall hostile) {
        GRPCInferenceServiceBlockingStub stub = GrpcClients.stub(channel, ADMIN_TOKEN)
                .withDeadlineAfter(60, TimeUnit.SECONDS);
        try {
            hostile.call().apply(stub);
            assertThat(hostile.mayAnswer()).as("answered").isTrue();
        } catch (StatusRuntimeException e) {
            assertThat(e.getStatus().getCode()).as("status %s", e.getStatus())
                    .isIn(Status.Code.INVALID_ARGUMENT, Status.Code.NOT_FOUND);
            assertThat(e.getStatus().getDescription()).isNotBlank();
        }
    }

    static Stream<HostileCall> calls() {
        List<HostileCall> calls = new ArrayList<>();
        HostileValues.STRINGS.forEach((description, literal) -> {
            String value = HostileInputTest.unquote(literal);
            calls.add(new HostileCall("model name: " + description, stub -> stub.modelInfer(valid()
                    .setModelName(value).build()), false));
            calls.add(new HostileCall("metadata name: " + description, stub -> stub.modelMetadata(
                    ModelMetadataRequest.newBuilder().setName(value).build()), false));
            calls.add(new HostileCall("ready version: " + description, stub -> stub.modelReady(
                    ModelReadyRequest.newBuilder().setName(MODEL).setVersion(value).build()), value.isEmpty()));
            calls.add(new HostileCall("version: " + description, stub -> stub.modelInfer(valid()
                    .setModelVersion(value).build()), value.isEmpty()));
            calls.add(new HostileCall("id: " + description, stub -> stub.modelInfer(valid().setId(value).build()),
                    true));
            calls.add(new HostileCall("id value: " + description, stub -> stub.modelInfer(withInput(0,
                    input -> input.setContents(InferTensorContents.newBuilder()
                            .addBytesContents(ByteString.copyFromUtf8(value))))), true));
            calls.add(new HostileCall("datatype: " + description, stub -> stub.modelInfer(withInput(0,
                    input -> input.setDatatype(value))), false));
            calls.add(new HostileCall("input name: " + description, stub -> stub.modelInfer(withInput(1,
                    input -> input.setName(value))), false));
            calls.add(new HostileCall("output name: " + description, stub -> stub.modelInfer(valid()
                    .addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName(value)).build()),
                    false));
        });
        for (long dimension : List.of(-1L, 0L, 2L, Integer.MAX_VALUE + 1L, Long.MAX_VALUE, Long.MIN_VALUE)) {
            calls.add(new HostileCall("user_id dimension " + dimension, stub -> stub.modelInfer(withInput(0,
                    input -> input.setShape(0, dimension))), false));
            calls.add(new HostileCall("history length " + dimension, stub -> stub.modelInfer(withInput(3,
                    input -> input.setShape(1, dimension))), false));
        }
        calls.add(new HostileCall("a shape of 64 dimensions", stub -> stub.modelInfer(withInput(0,
                input -> input.clearShape().addAllShape(java.util.Collections.nCopies(64, 1L)))), false));
        calls.add(new HostileCall("a scalar shape", stub -> stub.modelInfer(withInput(0,
                InferInputTensor.Builder::clearShape)), false));
        calls.add(new HostileCall("invalid UTF-8 in an id", stub -> stub.modelInfer(withInput(0,
                input -> input.setContents(InferTensorContents.newBuilder().addBytesContents(
                        ByteString.copyFrom(new byte[] {(byte) 0xc3, 0x28}))))), false));
        calls.add(new HostileCall("FP32 contents for a BYTES input", stub -> stub.modelInfer(withInput(0,
                input -> input.setContents(InferTensorContents.newBuilder().addFp32Contents(Float.NaN)))), false));
        calls.add(new HostileCall("explain as a string", stub -> stub.modelInfer(valid().putParameters("explain",
                InferParameter.newBuilder().setStringParam("yes").build()).build()), false));
        calls.add(new HostileCall("no inputs", stub -> stub.modelInfer(ModelInferRequest.newBuilder()
                .setModelName(MODEL).build()), false));
        calls.add(new HostileCall("raw contents for one of five inputs", stub -> stub.modelInfer(valid()
                .addRawInputContents(ByteString.copyFromUtf8("x")).build()), false));
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 20; i++) {
            byte[][] raw = new byte[5][];
            for (int r = 0; r < 5; r++) {
                raw[r] = new byte[random.nextInt(64)];
                random.nextBytes(raw[r]);
            }
            calls.add(new HostileCall("random raw contents " + i, stub -> stub.modelInfer(rawOf(raw)), false));
        }
        return calls.stream();
    }

    private static ModelInferRequest.Builder valid() {
        return GrpcClients.request(MODEL, "", InstanceTensors.of(TrainedModels.instances(3, 1)));
    }

    private static ModelInferRequest withInput(int index, UnaryOperator<InferInputTensor.Builder> change) {
        ModelInferRequest.Builder request = valid();
        request.setInputs(index, change.apply(request.getInputs(index).toBuilder()));
        return request.build();
    }

    private static ModelInferRequest rawOf(byte[][] raw) {
        ModelInferRequest.Builder request = GrpcClients.rawRequest(MODEL, "",
                InstanceTensors.of(TrainedModels.instances(3, 1))).clearRawInputContents();
        for (byte[] bytes : raw) {
            request.addRawInputContents(ByteString.copyFrom(bytes));
        }
        return request.build();
    }
}
