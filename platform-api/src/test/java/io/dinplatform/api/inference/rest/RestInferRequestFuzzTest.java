package io.dinplatform.api.inference.rest;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dinplatform.api.security.Caller;
import io.dinplatform.api.PlatformApiTest;
import io.dinplatform.api.inference.InferenceFailure;
import io.dinplatform.api.inference.InferenceResponse;
import io.dinplatform.api.inference.InferenceService;
import io.dinplatform.api.serving.TrainedModels;
import io.dinplatform.core.fuzz.FuzzFinding;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.model.ModelRepository;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Coverage-guided fuzzing of the REST binding of the Open Inference Protocol ({@code POST /v2/models/{name}/infer})
 * with Jazzer: whatever the bytes of the body, the application's JSON mapper reads them into a
 * {@link RestInferRequest}, {@link JsonTensors} turns its tensors into instances and the inference service scores
 * them against a real DIN model. Each body is answered with one score in [0, 1] per instance, or refused the way the
 * endpoint refuses it: a {@link JacksonException} (answered 400 as unreadable JSON) or a failure the endpoint's error
 * handler answers with a 4xx ({@link InferenceFailure}). Anything else, a 5xx included, is a finding.
 *
 * <p>The ordinary test run replays the seed corpus ({@code RestInferRequestFuzzTestInputs/inferBodies}); the
 * {@code fuzz} profile fuzzes it (see the README).
 */
class RestInferRequestFuzzTest extends PlatformApiTest {

    /** The fuzzer calls the service in-process, as an admin would: the permission check is not what it tests. */
    private static final Caller ADMIN = new Caller("token:bootstrap", java.util.Set.of(), true);

    private static final String MODEL = "jazzer-rest-v2-model";
    private static boolean registered;

    @Autowired
    InferenceService inference;

    @Autowired
    JsonMapper json;

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

    // No line breaks in the dictionary: Jazzer 0.30 writes them unescaped, which breaks libFuzzer's dictionary file.
    @FuzzTest
    @DictionaryEntries({"{\"inputs\":", "\"name\":", "\"datatype\":", "\"shape\":", "\"data\":", "\"parameters\":",
            "\"outputs\":", "\"explain\":", "\"id\":", "\"BYTES\"", "\"FP32\"", "\"INT64\"", "\"score\"",
            "\"attention\"", "\"user_id\"", "\"item_id\"", "\"cate_id\"", "\"hist_item_id\"", "\"hist_cate_id\"",
            "\"u1\"", "\"i1\"", "\"c1\"", "\"\"", "[]", "{}", "[[", "]]", "null", "true", "-1", "0", "1e400"})
    void inferBodies(byte[] body) {
        RestInferRequest request;
        try {
            request = json.readValue(body, RestInferRequest.class);
        } catch (JacksonException unreadable) {
            return; // answered 400 as unreadable JSON
        }
        if (request == null) {
            return; // JSON null: a required body that is missing, answered 400
        }
        try {
            InferenceResponse response = inference.infer(ADMIN, MODEL, null, JsonTensors.request(request));
            boolean scores = response.outputs().get(0).data().stream()
                    .allMatch(score -> ((Float) score) >= 0 && ((Float) score) <= 1);
            if (!scores) {
                throw FuzzFinding.of(body, "infer answered " + response + " for " + request, null);
            }
        } catch (AssertionError finding) {
            throw finding;
        } catch (Throwable failed) {
            InferenceFailure failure = InferenceFailure.of(failed);
            if (failure.httpStatus() < 400 || failure.httpStatus() >= 500) {
                throw FuzzFinding.of(body, "infer answered " + failure.httpStatus() + " (" + failure.message()
                        + ") instead of an answer or a 4xx refusal", failed);
            }
        }
    }
}
