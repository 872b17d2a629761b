package io.dinplatform.api.serving;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.dinplatform.api.PlatformApiTest;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.model.ModelVersion;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bundle whose bytes no longer match its SHA-256 (a flipped bit on disk, a truncated copy) is refused when a
 * model is loaded: the request gets a problem naming the corrupt artifact, nothing is served from it, and once the
 * file is whole again the model serves normally.
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
        Path bundle = DATA_DIR.resolve("artifacts").resolve(artifacts.storageKey(version.bundleSha256()));
        byte[] original = Files.readAllBytes(bundle);
        byte[] corrupt = original.clone();
        corrupt[corrupt.length / 2] ^= 0x01;
        Files.write(bundle, corrupt);
        String body = JsonMapper.shared().writeValueAsString(Map.of("instances", TrainedModels.instances(5, 2)));

        JsonNode problem = assertProblem(postJson("/api/v1/models/" + name + "/predict", body), 500);

        assertThat(problem.get("type").asString()).isEqualTo("/problems/corrupt-artifact");
        assertThat(problem.get("detail").asString()).contains(version.bundleSha256());
        Files.write(bundle, original);
        JsonNode answer = postJson("/api/v1/models/" + name + "/predict", body).getBody();
        assertThat(answer.get("predictions")).hasSize(2);
    }
}
