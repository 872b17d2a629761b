package io.dinplatform.registry.model;

import java.util.UUID;

import io.dinplatform.registry.EmbeddedCatalogTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelRepositoryTest extends EmbeddedCatalogTest {

    private static final JsonMapper JSON = JsonMapper.shared();

    @Autowired
    ModelRepository models;

    @Test
    void registersNumberedVersionsWithMetricsAndParameters() {
        String name = uniqueName();
        ModelVersion first = models.createNextVersion(newVersion(name, "0.71"));
        ModelVersion second = models.createNextVersion(newVersion(name, "0.74"));

        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.metrics().get("auc").asDouble()).isEqualTo(0.74);
        assertThat(second.parameters().get("embeddingDim").asInt()).isEqualTo(18);
        assertThat(models.findLatestVersion(name)).contains(second);
        assertThat(models.find(name)).hasValueSatisfying(model -> {
            assertThat(model.latestVersion()).isEqualTo(2);
            assertThat(model.versions()).isEqualTo(2);
            assertThat(model.aliases()).isEmpty();
        });
    }

    @Test
    void anAliasPointsAtOneVersionAndMoves() {
        String name = uniqueName();
        models.createNextVersion(newVersion(name, "0.71"));
        models.createNextVersion(newVersion(name, "0.74"));

        assertThat(models.moveAlias(name, "production", 1)).hasValueSatisfying(v ->
                assertThat(v.aliases()).containsExactly("production"));
        assertThat(models.findByAlias(name, "production")).hasValueSatisfying(v -> assertThat(v.version()).isEqualTo(1));

        models.moveAlias(name, "production", 2);
        assertThat(models.findByAlias(name, "production")).hasValueSatisfying(v -> assertThat(v.version()).isEqualTo(2));
        assertThat(models.findVersion(name, 1)).hasValueSatisfying(v -> assertThat(v.aliases()).isEmpty());
        assertThat(models.find(name).orElseThrow().aliases()).containsExactlyEntriesOf(java.util.Map.of("production", 2));
    }

    @Test
    void anAliasCannotPointAtAMissingVersion() {
        String name = uniqueName();
        models.createNextVersion(newVersion(name, "0.71"));
        models.moveAlias(name, "production", 1);

        assertThat(models.moveAlias(name, "production", 7)).isEmpty();
        assertThat(models.moveAlias(uniqueName(), "production", 1)).isEmpty();
        assertThat(models.findByAlias(name, "production")).hasValueSatisfying(v -> assertThat(v.version()).isEqualTo(1));
        assertThat(models.deleteAlias(name, "production")).isTrue();
        assertThat(models.findByAlias(name, "production")).isEmpty();
    }

    @Test
    void aModelNameIsRegisteredOnce() {
        String name = uniqueName();
        models.create(name);
        assertThatThrownBy(() -> models.create(name)).isInstanceOf(ModelNameTakenException.class)
                .hasMessageContaining(name);
        assertThat(models.find(name)).hasValueSatisfying(m -> assertThat(m.latestVersion()).isNull());
    }

    private static NewModelVersion newVersion(String name, String auc) {
        return new NewModelVersion(name, null, null, "c".repeat(64), JSON.readTree("{\"auc\":" + auc + "}"),
                JSON.readTree("{\"embeddingDim\":18}"));
    }

    private static String uniqueName() {
        return "model-" + UUID.randomUUID();
    }
}
