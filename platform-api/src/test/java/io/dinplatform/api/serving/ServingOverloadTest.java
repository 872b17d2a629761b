package io.dinplatform.api.serving;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.dinplatform.api.PlatformApiTest;
import io.dinplatform.api.inference.GrpcClients;
import io.dinplatform.api.inference.InferenceTensor;
import io.dinplatform.api.inference.InstanceTensors;
import io.dinplatform.api.inference.grpc.GrpcInferenceServer;
import io.dinplatform.api.inference.grpc.v2.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import io.dinplatform.api.inference.grpc.v2.ModelInferRequest;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.model.ModelRepository;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full queue answers 429 with {@code Retry-After}. The queue here admits 2 instances and a batch waits 2 s for
 * company, so a request of 2 instances holds the whole queue for 2 s and a second one sent with it is refused. These
 * settings need their own application (and so their own embedded PostgreSQL in its own directory). The gRPC server
 * runs its calls on one thread, so that a second gRPC call waits for it instead of reaching the queue.
 */
@TestPropertySource(properties = {"din.serving.queue-capacity=2", "din.serving.max-queue-delay=2s",
        "din.serving.retry-after=1s", "din.grpc.handler-threads=1"})
class ServingOverloadTest extends PlatformApiTest {

    private static final Path OWN_DATABASE = temporaryDirectory();

    @Autowired
    ModelRepository models;

    @Autowired
    ArtifactStore artifacts;

    @Autowired
    MeterRegistry meters;

    @Autowired
    GrpcInferenceServer grpc;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("din.database.embedded.directory", OWN_DATABASE::toString);
    }

    @Test
    void aFullQueueAnswers429WithRetryAfter() {
        String name = "overload-" + UUID.randomUUID().toString().substring(0, 8);
        TrainedModels.register(artifacts, models, name, ModelType.DIN, 11);
        String path = "/api/v1/models/" + name + "/predict";
        String twoInstances = new String(JsonMapper.shared().writeValueAsBytes(
                Map.of("instances", TrainedModels.instances(1, 2))), StandardCharsets.UTF_8);
        assertThat(postJson(path, twoInstances).getStatusCode().value()).isEqualTo(200); // loads the model

        CompletableFuture<ResponseEntity<JsonNode>> first = CompletableFuture.supplyAsync(
                () -> postJson(path, twoInstances));
        CompletableFuture<ResponseEntity<JsonNode>> second = CompletableFuture.supplyAsync(
                () -> postJson(path, twoInstances));
        List<ResponseEntity<JsonNode>> answers = new ArrayList<>(List.of(first.join(), second.join()));
        answers.sort((a, b) -> a.getStatusCode().value() - b.getStatusCode().value());

        assertThat(answers.get(0).getStatusCode().value()).isEqualTo(200);
        JsonNode problem = assertProblem(answers.get(1), 429);
        assertThat(answers.get(1).getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(problem.get("type").asString()).isEqualTo("/problems/overloaded");
        assertThat(problem.get("detail").asString()).contains(name).contains("queue is full");
        assertThat(meters.get("din.serving.rejections").tags("model", name, "version", "1").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aFullQueueIsResourceExhaustedOverGrpcAnd429OverRestV2() throws Exception {
        String name = "overload-oip-" + UUID.randomUUID().toString().substring(0, 8);
        TrainedModels.register(artifacts, models, name, ModelType.DIN, 11);
        List<InferenceTensor> tensors = InstanceTensors.of(TrainedModels.instances(1, 2));
        String infer = "/v2/models/" + name + "/infer";
        String body = JsonMapper.shared().writeValueAsString(Map.of("inputs", tensors));
        assertThat(postJson(infer, body).getStatusCode().value()).isEqualTo(200); // loads the model
        ManagedChannel channel = GrpcClients.channel(grpc.port());
        try {
            GRPCInferenceServiceBlockingStub stub = GrpcClients.stub(channel, ADMIN_TOKEN);
            ModelInferRequest request = GrpcClients.request(name, "", tensors).build();

            CompletableFuture<Throwable> overGrpc = CompletableFuture.supplyAsync(() -> failureOf(
                    () -> stub.modelInfer(request)));
            CompletableFuture<ResponseEntity<JsonNode>> overRest = CompletableFuture.supplyAsync(
                    () -> postJson(infer, body));
            Throwable grpcFailure = overGrpc.join();
            ResponseEntity<JsonNode> restAnswer = overRest.join();

            // one of the two held the whole queue; the other was refused, each in its protocol's form
            if (grpcFailure == null) {
                assertThat(restAnswer.getStatusCode().value()).isEqualTo(429);
                assertThat(restAnswer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
                assertThat(restAnswer.getBody().get("error").asString()).contains("queue is full");
            } else {
                assertThat(restAnswer.getStatusCode().value()).isEqualTo(200);
                assertThat(grpcFailure).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                    assertThat(e.getStatus().getDescription()).contains("queue is full");
                });
            }
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void grpcCallsBeyondTheHandlerThreadsWaitForOneInsteadOfStartingThreadsOfTheirOwn() throws Exception {
        String name = "overload-threads-" + UUID.randomUUID().toString().substring(0, 8);
        TrainedModels.register(artifacts, models, name, ModelType.DIN, 11);
        List<InferenceTensor> tensors = InstanceTensors.of(TrainedModels.instances(1, 2));
        ManagedChannel channel = GrpcClients.channel(grpc.port());
        try {
            GRPCInferenceServiceBlockingStub stub = GrpcClients.stub(channel, ADMIN_TOKEN);
            ModelInferRequest request = GrpcClients.request(name, "", tensors).build();
            assertThat(stub.modelInfer(request).getOutputs(0).getContents().getFp32ContentsCount())
                    .as("loads the model").isEqualTo(2);

            // Each call fills the whole queue for 2 s: on a thread of their own, the second would be refused.
            List<CompletableFuture<Throwable>> calls = List.of(
                    CompletableFuture.supplyAsync(() -> failureOf(() -> stub.modelInfer(request))),
                    CompletableFuture.supplyAsync(() -> failureOf(() -> stub.modelInfer(request))));
            for (CompletableFuture<Throwable> call : calls) {
                assertThat(call.join()).as("a call waiting for the handler thread is served, not refused").isNull();
            }
            assertThat(Thread.getAllStackTraces().keySet()).map(Thread::getName)
                    .filteredOn(thread -> thread.startsWith("grpc-" + grpc.port() + "-call-"))
                    .as("din.grpc.handler-threads=1").hasSize(1);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static Throwable failureOf(Runnable call) {
        try {
            call.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("din-serving-overload-db-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
