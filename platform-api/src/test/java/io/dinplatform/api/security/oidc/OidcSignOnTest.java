package io.dinplatform.api.security.oidc;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.dinplatform.api.TestHttp;
import io.dinplatform.api.inference.GrpcClients;
import io.dinplatform.api.inference.InstanceTensors;
import io.dinplatform.api.inference.grpc.GrpcInferenceServer;
import io.dinplatform.api.inference.grpc.v2.ModelInferRequest;
import io.dinplatform.api.serving.TrainedModels;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.model.ModelRepository;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Single sign-on against a real issuer ({@link TestIssuer}, Spring Authorization Server started by the test): its
 * JWT access tokens work on the REST API and over gRPC with the platform scopes their issuer scopes map to, and no
 * more; a token signed by another key, an expired one and one for another application are refused as invalid.
 */
class OidcSignOnTest extends SingleSignOnPlatformTest {

    private static final String MODEL = "sso-model-" + UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    ArtifactStore artifacts;

    @Autowired
    ModelRepository models;

    @Autowired
    GrpcInferenceServer grpc;

    @Autowired
    ConfigurableApplicationContext context;

    @Test
    void anIssuerTokenReadsAndPredictsWithTheScopesItsIssuerScopesMapTo() {
        registerModel();
        String token = issuer().clientToken(TestIssuer.SERVICE_CLIENT, TestIssuer.SERVICE_SECRET,
                "din.read models:serve");
        RestClient service = TestHttp.client(port, token);

        assertThat(service.get().uri("/api/v1/datasets").retrieve().toEntity(JsonNode.class).getStatusCode().value())
                .isEqualTo(200);
        ResponseEntity<JsonNode> predicted = predict(service);
        assertThat(predicted.getStatusCode().value()).as("%s", predicted.getBody()).isEqualTo(200);
        assertThat(predicted.getBody().get("predictions")).hasSize(2);
    }

    @Test
    void anIssuerTokenIsBoundByItsScopes() {
        registerModel();
        String reader = issuer().clientToken(TestIssuer.SERVICE_CLIENT, TestIssuer.SERVICE_SECRET, "din.read profile");
        RestClient service = TestHttp.client(port, reader);

        JsonNode refused = assertProblem(predict(service), 403);
        assertThat(refused.get("requiredScope").asString()).isEqualTo("predict");
        ResponseEntity<JsonNode> write = service.post().uri("/api/v1/training-runs")
                .contentType(MediaType.APPLICATION_JSON).body("{}").retrieve().toEntity(JsonNode.class);
        assertThat(assertProblem(write, 403).get("requiredScope").asString()).isEqualTo("write");
        assertThat(write.getHeaders().getFirst("WWW-Authenticate")).contains("insufficient_scope");
        ResponseEntity<JsonNode> tokens = service.get().uri("/api/v1/tokens").retrieve().toEntity(JsonNode.class);
        assertThat(assertProblem(tokens, 403).get("requiredScope").asString()).isEqualTo("admin");
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefused() {
        String forged = issuer().signWithAnotherKey(issuer().claims("mallory", Instant.now(), Duration.ofMinutes(5),
                "din.read din.admin").build());

        assertInvalid(forged);
    }

    @Test
    void anExpiredTokenIsRefused() {
        String expired = issuer().signWithIssuerKey(issuer().claims("ada", Instant.now().minus(Duration.ofHours(2)),
                Duration.ofMinutes(5), "din.read").build());
        String valid = issuer().signWithIssuerKey(issuer().claims("ada", Instant.now(), Duration.ofMinutes(5),
                "din.read").build());

        assertInvalid(expired);
        assertThat(TestHttp.client(port, valid).get().uri("/api/v1/datasets").retrieve().toEntity(JsonNode.class)
                .getStatusCode().value()).as("the same claims, not expired, signed by the same key").isEqualTo(200);
    }

    @Test
    void aTokenForAnotherApplicationIsRefused() {
        String elsewhere = issuer().clientToken(TestIssuer.OTHER_APPLICATION, TestIssuer.OTHER_SECRET, "din.read");

        assertInvalid(elsewhere);
    }

    @Test
    void aTokenOfTheIssuerWithoutThePlatformsAudienceClaimIsRefused() {
        String noAudience = issuer().signWithIssuerKey(issuer().claims("ada", Instant.now(), Duration.ofMinutes(5),
                "din.read").audience(List.of()).build());

        assertInvalid(noAudience);
    }

    @Test
    void theGrpcPathAcceptsTheSameToken() {
        registerModel();
        String predictor = issuer().clientToken(TestIssuer.SERVICE_CLIENT, TestIssuer.SERVICE_SECRET,
                "din.predict");
        String reader = issuer().clientToken(TestIssuer.SERVICE_CLIENT, TestIssuer.SERVICE_SECRET, "din.read");
        ModelInferRequest request = GrpcClients.request(MODEL, "", InstanceTensors.of(TrainedModels.instances(3, 1)))
                .build();
        ManagedChannel channel = GrpcClients.channel(grpc.port());
        try {
            assertThat(GrpcClients.stub(channel, predictor).modelInfer(request).getOutputsCount()).isEqualTo(1);
            assertThatThrownBy(() -> GrpcClients.stub(channel, reader).modelInfer(request))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
            String forged = issuer().signWithAnotherKey(issuer().claims("mallory", Instant.now(),
                    Duration.ofMinutes(5), "din.predict").build());
            assertThatThrownBy(() -> GrpcClients.stub(channel, forged).modelInfer(request))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void eachNewTokenIsOneSignInOfItsSubject() {
        String token = issuer().signWithIssuerKey(issuer().claims("grace", Instant.now(), Duration.ofMinutes(5),
                "din.read").build());
        RestClient client = TestHttp.client(port, token);
        List<OidcSignIn> signIns = new CopyOnWriteArrayList<>();
        ApplicationListener<?> listener = ApplicationListener.forPayload((OidcSignIn signIn) -> signIns.add(signIn));
        context.addApplicationListener(listener);
        try {
            for (int i = 0; i < 3; i++) {
                assertThat(client.get().uri("/api/v1/datasets").retrieve().toEntity(JsonNode.class).getStatusCode()
                        .value()).isEqualTo(200);
            }
        } finally {
            context.removeApplicationListener(listener);
        }

        assertThat(signIns).singleElement().satisfies(signIn -> {
            assertThat(signIn.subject()).isEqualTo("grace");
            assertThat(signIn.issuer()).isEqualTo(issuer().uri());
        });
    }

    @Test
    void theDashboardLearnsHowToSignInWithoutAToken() {
        RestClient anonymous = TestHttp.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> {
                }).build();

        ResponseEntity<JsonNode> answer = anonymous.get().uri("/api/v1/auth/oidc").retrieve()
                .toEntity(JsonNode.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getBody().get("enabled").asBoolean()).isTrue();
        assertThat(answer.getBody().get("issuer").asString()).isEqualTo(issuer().uri());
        assertThat(answer.getBody().get("clientId").asString()).isEqualTo(TestIssuer.DASHBOARD_CLIENT);
        assertThat(answer.getBody().get("scopes").valueStream().map(JsonNode::asString).toList())
                .containsExactly("openid", "din.read");
        assertThat(answer.getHeaders().getFirst("Content-Security-Policy"))
                .contains("connect-src 'self' " + issuer().uri() + ";");
    }

    private void assertInvalid(String token) {
        ResponseEntity<JsonNode> answer = TestHttp.client(port, token).get().uri("/api/v1/datasets").retrieve()
                .toEntity(JsonNode.class);
        assertProblem(answer, 401);
        assertThat(answer.getHeaders().getFirst("WWW-Authenticate")).contains("invalid_token");
    }

    private ResponseEntity<JsonNode> predict(RestClient client) {
        String body = JsonMapper.shared().writeValueAsString(Map.of("instances", TrainedModels.instances(7, 2)));
        return client.post().uri("/api/v1/models/" + MODEL + "/predict").contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().toEntity(JsonNode.class);
    }

    private synchronized void registerModel() {
        if (models.find(MODEL).isEmpty()) {
            TrainedModels.register(artifacts, models, MODEL, ModelType.DIN, 3);
        }
    }
}
