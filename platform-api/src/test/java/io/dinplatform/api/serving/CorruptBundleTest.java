package io.dinplatform.api.serving;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.dinplatform.api.PlatformApiTest;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.artifact.StoredArtifact;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.model.ModelVersion;
import io.dinplatform.registry.model.NewModelVersion;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bundle whose bytes no longer match its SHA-256 (a flipped bit on disk, a truncated copy) is refused when a
 * model is loaded, for predict and rank alike: 503 (the version cannot be served until its artifact is repaired;
 * another version, or a replica with a whole copy, can) with a problem naming the version and the SHA-256; nothing
 * is served from it, the model's other versions keep serving, and once the file is whole again the version serves
 * normally.
 */
class CorruptBundleTest extends PlatformApiTest {

    @Autowired
    ArtifactStore artifacts;

    @Autowired
    ModelRepository models;

    @Test
    void aCorruptBundleIsRefusedByItsSha256AndServesOnceRepaired() throws Exception {
        String name = "corrupt-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        ModelVersion version = TrainedModels.register(artifacts, models, name, ModelType.DIN, 11);
        TrainedModels.register(artifacts, models, name, ModelType.DIN, 2);
        Path bundle = DATA_DIR.resolve("artifacts").resolve(artifacts.storageKey(version.bundleSha256()));
        byte[] original = Files.readAllBytes(bundle);
        byte[] corrupt = original.clone();
        corrupt[corrupt.length / 2] ^= 0x01;
        String predict = "/api/v1/models/" + name + "/predict?version=";
        String rank = "/api/v1/models/" + name + "/rank?version=";
        String instances = JsonMapper.shared().writeValueAsString(Map.of("instances", TrainedModels.instances(5, 2)));
        String candidates = JsonMapper.shared().writeValueAsString(Map.of(
                "context", TrainedModels.user(new SplittableRandom(5)),
                "candidates", List.of(Map.of("item_id", "i1", "cate_id", "c1"), Map.of("item_id", "i2", "cate_id",
                        "c2"))));

        Files.write(bundle, corrupt);
        try {
            for (ResponseEntity<JsonNode> refused : List.of(postJson(predict + 1, instances),
                    postJson(rank + 1, candidates))) {
                JsonNode problem = assertProblem(refused, 503);
                assertThat(problem.get("type").asString()).isEqualTo("/problems/corrupt-artifact");
                assertThat(problem.get("detail").asString()).contains("model " + name + " version 1",
                        version.bundleSha256(), "corrupt");
                assertThat(problem.get("bundleSha256").asString()).isEqualTo(version.bundleSha256());
                assertThat(problem.get("version").asInt()).isEqualTo(1);
            }
            assertThat(postJson(predict + 2, instances).getBody().get("predictions")).as("another version serves")
                    .hasSize(2);
        } finally {
            Files.write(bundle, original);
        }

        assertThat(postJson(predict + 1, instances).getBody().get("predictions")).hasSize(2);
        assertThat(postJson(rank + 1, candidates).getBody().get("ranked")).hasSize(2);
    }

    /**
     * Bytes that match their recorded SHA-256 but are no bundle (written by something else, or by a future format):
     * the same 503 and problem, never a 500, and the model's other versions keep serving.
     */
    @Test
    void anArtifactThatIsNoBundleIsRefusedTheSameWay() throws Exception {
        String name = "nobundle-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        StoredArtifact notABundle = artifacts.write(new ByteArrayInputStream(
                "not a model bundle".getBytes(StandardCharsets.UTF_8)));
        models.createNextVersion(new NewModelVersion(name, null, null, notABundle.sha256(), null,
                JsonMapper.shared().readTree("{\"architecture\": {\"type\": \"DIN\"}}")));
        TrainedModels.register(artifacts, models, name, ModelType.DIN, 2);
        String instances = JsonMapper.shared().writeValueAsString(Map.of("instances", TrainedModels.instances(5, 2)));

        JsonNode problem = assertProblem(postJson("/api/v1/models/" + name + "/predict?version=1", instances), 503);
        assertThat(problem.get("type").asString()).isEqualTo("/problems/corrupt-artifact");
        assertThat(problem.get("detail").asString()).contains("model " + name + " version 1",
                notABundle.sha256(), "not a zip file");
        assertThat(problem.get("version").asInt()).isEqualTo(1);
        assertThat(postJson("/api/v1/models/" + name + "/predict?version=2", instances).getBody().get("predictions"))
                .as("another version serves").hasSize(2);
    }
}
