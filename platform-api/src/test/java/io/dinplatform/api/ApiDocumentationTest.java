package io.dinplatform.api;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ApiDocumentationTest extends PlatformApiTest {

    @Test
    void theOpenApiDescriptionListsTheEndpoints() {
        ResponseEntity<JsonNode> docs = get("/v3/api-docs");

        assertThat(docs.getStatusCode().value()).isEqualTo(200);
        assertThat(docs.getBody().get("paths").propertyNames()).contains("/api/v1/datasets",
                "/api/v1/datasets/builds", "/api/v1/datasets/{name}/versions/{version}", "/api/v1/models",
                "/api/v1/models/{name}/aliases/{alias}", "/api/v1/training-runs", "/api/v1/training-runs/{id}");
    }

    @Test
    void aRunRequestIsDescribedByItsFieldsOnly() {
        JsonNode schema = get("/v3/api-docs").getBody().path("components").path("schemas").path("TrainingRunRequest");

        assertThat(schema.path("properties").propertyNames())
                .containsExactlyInAnyOrder("dataset", "model", "architecture", "training", "promoteAlias");
    }

    @Test
    void theRunRequestsSelectionMetricIsDescribedWithItsValues() {
        JsonNode schemas = get("/v3/api-docs").getBody().path("components").path("schemas");
        String reference = schemas.path("TrainingRunRequest").path("properties").path("training").path("$ref")
                .asString();
        JsonNode training = schemas.path(reference.substring(reference.lastIndexOf('/') + 1));

        assertThat(training.path("properties").path("selectionMetric").path("enum").toString())
                .isEqualTo("[\"GAUC\",\"AUC\",\"LOGLOSS\"]");
    }

    @Test
    void theRegularizationOfARunIsDescribedWithItsDecoupling() {
        JsonNode schema = get("/v3/api-docs").getBody().path("components").path("schemas").path("Regularization");

        assertThat(schema.path("properties").propertyNames())
                .containsExactlyInAnyOrder("type", "lambda", "decoupled");
    }

    @Test
    void swaggerUiIsServed() {
        ResponseEntity<String> page = http.get().uri("/swagger-ui/index.html").retrieve().toEntity(String.class);

        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getBody()).containsIgnoringCase("swagger");
    }

    @Test
    void anUnknownPathIsAProblemToo() {
        assertProblem(get("/api/v1/nothing-here"), 404);
    }
}
