package io.dinplatform.registry.model;

import java.util.List;
import java.util.UUID;

import io.dinplatform.registry.EmbeddedCatalogTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class ModelRepositoryTest extends EmbeddedCatalogTest {

    private static final JsonMapper JSON = JsonMapper.shared();

    @Autowired
    ModelRepository models;

    @Autowired
    JdbcClient jdbc;

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
    void anAliasSplitsOverWeightedVersionsWithAShadowAndAPlainMoveEndsTheSplit() {
        String name = uniqueName();
        for (int i = 0; i < 3; i++) {
            models.createNextVersion(newVersion(name, "0.7" + i));
        }

        AliasRoute split = models.setAlias(name, "production", new AliasTarget(
                List.of(new AliasArm(2, 90), new AliasArm(1, 10)), 3)).orElseThrow();

        assertThat(split.arms()).extracting(arm -> arm.version().version(), AliasRoute.Arm::weight)
                .containsExactly(tuple(2, 90), tuple(1, 10));
        assertThat(split.shadow().version()).isEqualTo(3);
        assertThat(models.findByAlias(name, "production")).as("the first arm, for one-version readers")
                .hasValueSatisfying(v -> assertThat(v.version()).isEqualTo(2));
        assertThat(models.findRoute(name, "production")).contains(split);

        assertThat(models.setAlias(name, "production", new AliasTarget(List.of(new AliasArm(1, 1),
                new AliasArm(9, 1)), null))).as("an unknown arm changes nothing").isEmpty();
        assertThat(models.setAlias(name, "production", AliasTarget.single(1).withShadow(9))).isEmpty();
        assertThat(models.findRoute(name, "production")).contains(split);

        models.moveAlias(name, "production", 3);
        AliasRoute moved = models.findRoute(name, "production").orElseThrow();
        assertThat(moved.arms()).extracting(arm -> arm.version().version(), AliasRoute.Arm::weight)
                .containsExactly(tuple(3, AliasArm.WHOLE));
        assertThat(moved.shadow()).isNull();
        assertThat(moved.splitOrShadowed()).isFalse();

        models.setAlias(name, "canary", new AliasTarget(List.of(new AliasArm(1, 1), new AliasArm(2, 1)), null));
        assertThat(models.deleteAlias(name, "canary")).isTrue();
        assertThat(models.findRoute(name, "canary")).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM model_alias_arms a JOIN registered_models m ON m.id = a.model_id "
                + "WHERE m.name = ?").param(name).query(Long.class).single()).as("arms go with their alias").isZero();
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
