package io.dinplatform.api.inference.grpc;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.InvalidProtocolBufferException;
import io.dinplatform.api.security.Caller;
import io.dinplatform.api.PlatformApiTest;
import io.dinplatform.api.inference.InferenceResponse;
import io.dinplatform.api.inference.InferenceService;
import io.dinplatform.api.inference.grpc.v2.ModelInferRequest;
import io.dinplatform.api.serving.TrainedModels;
import io.dinplatform.core.fuzz.FuzzFinding;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.model.ModelRepository;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.ErrorResponseException;

/**
 * Coverage-guided fuzzing of the gRPC binding's tensor decoding with Jazzer: whatever ModelInferRequest the bytes
 * decode to (typed or raw contents, any shapes, datatypes and names), {@link GrpcTensors} and the inference service
 * answer it with one score in [0, 1] per instance, or refuse it with a 4xx (a gRPC INVALID_ARGUMENT or NOT_FOUND);
 * anything else is a finding. Bytes that are not a protocol buffer never reach the service (grpc-java refuses them).
 * The ordinary test run replays the seed corpus ({@code ModelInferRequestFuzzTestInputs/inferRequests}).
 */
class ModelInferRequestFuzzTest extends PlatformApiTest {

    /** The fuzzer calls the service in-process, as an admin would: the permission check is not what it tests. */
    private static final Caller ADMIN = new Caller("token:bootstrap", java.util.Set.of(), true);

    private static final String MODEL = "jazzer-grpc-model";
    private static boolean registered;

    @Autowired
    InferenceService inference;

    @Autowired
    ArtifactStore artifacts;

    @Autowired
    ModelRepository models;

    @BeforeEach
    void registerModel() {
        if (!registered) {
            TrainedModels.register(artifacts, models, MODEL, ModelType.DIN, 13);
            registered = true;
        }
    }

    @FuzzTest
    void inferRequests(byte[] bytes) {
        ModelInferRequest request;
        try {
            request = ModelInferRequest.parseFrom(bytes);
        } catch (InvalidProtocolBufferException notAMessage) {
            return;
        }
        try {
            InferenceResponse response = inference.infer(ADMIN, MODEL, request.getModelVersion(),
                    GrpcTensors.request(request));
            boolean scores = response.outputs().get(0).data().stream()
                    .allMatch(score -> ((Float) score) >= 0 && ((Float) score) <= 1);
            if (!scores) {
                throw FuzzFinding.of(bytes, "infer answered " + response + " for " + request, null);
            }
        } catch (ErrorResponseException refused) {
            if (!refused.getStatusCode().is4xxClientError()) {
                throw FuzzFinding.of(bytes, "refused with " + refused.getStatusCode() + ": " + refused.getBody(),
                        refused);
            }
        } catch (AssertionError finding) {
            throw finding;
        } catch (Throwable unexpected) {
            throw FuzzFinding.of(bytes, "threw " + unexpected + " instead of an answer or a refusal", unexpected);
        }
    }
}
