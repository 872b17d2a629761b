package io.dinplatform.api.model;

import java.util.UUID;

import io.dinplatform.api.PlatformApiTest;
import io.dinplatform.api.SamplesCsv;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.model.NewModelVersion;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The registry over HTTP. Versions are registered through the catalog (in production the training worker does it)
 * and everything else goes through the API.
 */
class ModelRegistryApiTest extends PlatformApiTest {

    private static final JsonMapper JSON = JsonMapper.shared();

    @Autowired
    ModelRepository models;

    @Autowired
    DatasetRepository datasets;

    @Test
    void versionsShowMetricsParametersLineageAndBundle() {
        String name = uniqueName();
        String datasetName = "ds-" + name;
        upload(datasetName, SamplesCsv.SCHEMA, SamplesCsv.bytes(SamplesCsv.rows(10, 0)), "s.csv");
        DatasetVersion dataset = datasets.findLatestVersion(datasetName).orElseThrow();
        registerVersion(name, dataset, "0.712");
        registerVersion(name, dataset, "0.745");

        JsonNode model = get("/api/v1/models/" + name).getBody();
        assertThat(model.get("latestVersion").asInt()).isEqualTo(2);
        assertThat(model.get("versions")).hasSize(2);

        JsonNode version = get("/api/v1/models/" + name + "/versions/2").getBody();
        assertThat(version.get("metrics").get("auc").asDouble()).isEqualTo(0.745);
        assertThat(version.get("parameters").get("architecture").get("type").asString()).isEqualTo("DIN");
        assertThat(version.get("lineage").get("dataset").get("name").asString()).isEqualTo(datasetName);
        assertThat(version.get("lineage").get("dataset").get("version").asInt()).isEqualTo(1);
        assertThat(version.get("bundleSha256").asString()).hasSize(64);
        assertThat(get("/api/v1/models/" + name + "/versions/latest").getBody()).isEqualTo(version);
        assertThat(get("/api/v1/models").getBody().findValuesAsString("name")).contains(name);
    }

    @Test
    void aVersionComparedWithABaseVersionGivesRelaImprOnGaucAndAucOnlyOnTheSameTestData() {
        String name = uniqueName();
        String datasetName = "ds-" + name;
        upload(datasetName, SamplesCsv.SCHEMA, SamplesCsv.bytes(SamplesCsv.rows(10, 0)), "s.csv");
        DatasetVersion dataset = datasets.findLatestVersion(datasetName).orElseThrow();
        registerVersion(name, dataset, "0.712", "0.70");
        registerVersion(name, dataset, "0.745", "0.75");
        registerVersion(name, null, "0.80", "0.80");

        JsonNode compared = get("/api/v1/models/" + name + "/versions/2?base=1").getBody();

        assertThat(compared.get("comparison").get("baseVersion").asInt()).isEqualTo(1);
        // ((0.75 − 0.5) / (0.70 − 0.5) − 1) · 100 = 25 %; ((0.745 − 0.5) / (0.712 − 0.5) − 1) · 100 = 15.57 %
        assertThat(compared.get("comparison").get("relaImprGauc").asDouble()).isCloseTo(25.0, within(1e-9));
        assertThat(compared.get("comparison").get("relaImprAuc").asDouble()).isCloseTo(15.566, within(1e-3));
        assertThat(get("/api/v1/models/" + name + "/versions/2").getBody().has("comparison")).isFalse();
        JsonNode elsewhere = assertProblem(get("/api/v1/models/" + name + "/versions/3?base=1"), 400);
        assertThat(elsewhere.get("errors").get(0).get("field").asString()).isEqualTo("base");
        assertProblem(get("/api/v1/models/" + name + "/versions/2?base=9"), 404);
    }

    @Test
    void anAliasIsSetMovedAndRemoved() {
        String name = uniqueName();
        registerVersion(name, null, "0.70");
        registerVersion(name, null, "0.73");

        JsonNode first = putJson("/api/v1/models/" + name + "/aliases/production", "{\"version\": 1}").getBody();
        assertThat(first.get("version").asInt()).isEqualTo(1);
        assertThat(first.get("aliases").get(0).asString()).isEqualTo("production");
        assertThat(get("/api/v1/models/" + name + "/aliases/production").getBody().get("version").asInt())
                .isEqualTo(1);

        JsonNode moved = putJson("/api/v1/models/" + name + "/aliases/production", "{\"version\": 2}").getBody();
        assertThat(moved.get("version").asInt()).isEqualTo(2);
        assertThat(get("/api/v1/models/" + name).getBody().get("aliases").get("production").asInt()).isEqualTo(2);
        assertThat(get("/api/v1/models/" + name + "/versions/1").getBody().get("aliases")).isEmpty();

        assertThat(http.delete().uri("/api/v1/models/" + name + "/aliases/production").retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(204);
        assertProblem(get("/api/v1/models/" + name + "/aliases/production"), 404);
    }

    @Test
    void badAliasRequestsAreRefusedAndChangeNothing() {
        String name = uniqueName();
        registerVersion(name, null, "0.70");
        putJson("/api/v1/models/" + name + "/aliases/production", "{\"version\": 1}");

        assertProblem(putJson("/api/v1/models/" + name + "/aliases/production", "{\"version\": 9}"), 404);
        assertProblem(putJson("/api/v1/models/" + uniqueName() + "/aliases/production", "{\"version\": 1}"), 404);
        assertProblem(putJson("/api/v1/models/" + name + "/aliases/Prod%20uction", "{\"version\": 1}"), 400);
        assertProblem(putJson("/api/v1/models/" + name + "/aliases/latest", "{\"version\": 1}"), 400);
        JsonNode missing = assertProblem(putJson("/api/v1/models/" + name + "/aliases/production", "{}"), 400);
        assertThat(missing.get("errors").get(0).get("field").asString()).isEqualTo("version");
        JsonNode wrongType = assertProblem(putJson("/api/v1/models/" + name + "/aliases/production",
                "{\"version\": \"two\"}"), 400);
        assertThat(wrongType.get("errors").get(0).get("field").asString()).isEqualTo("version");

        assertThat(get("/api/v1/models/" + name + "/aliases/production").getBody().get("version").asInt())
                .isEqualTo(1);
    }

    @Test
    void aModelNameIsCreatedOnceAndUnknownModelsAreNotFound() {
        String name = uniqueName();
        assertThat(postJson("/api/v1/models", "{\"name\": \"" + name + "\"}").getStatusCode().value()).isEqualTo(201);

        JsonNode clash = assertProblem(postJson("/api/v1/models", "{\"name\": \"" + name + "\"}"), 409);
        assertThat(clash.get("detail").asString()).contains(name);
        assertProblem(postJson("/api/v1/models", "{\"name\": \"no spaces allowed\"}"), 400);
        assertProblem(get("/api/v1/models/" + uniqueName()), 404);
        assertProblem(get("/api/v1/models/" + name + "/versions/1"), 404);
        assertProblem(get("/api/v1/models/" + name + "/versions/first"), 400);
    }

    private void registerVersion(String name, DatasetVersion dataset, String auc) {
        registerVersion(name, dataset, auc, "0.7");
    }

    private void registerVersion(String name, DatasetVersion dataset, String auc, String gauc) {
        models.createNextVersion(new NewModelVersion(name, null, dataset == null ? null : dataset.id(),
                "ab".repeat(32), JSON.readTree("{\"auc\": " + auc + ", \"gauc\": " + gauc + ", \"logloss\": 0.6}"),
                JSON.readTree("{\"architecture\": {\"type\": \"DIN\", \"embeddingDim\": 18}}")));
    }

    private static String uniqueName() {
        return "model-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
