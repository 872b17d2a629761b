package io.dinplatform.api.config;

import java.util.List;

import io.dinplatform.api.batch.BatchPredictionRequest;
import io.dinplatform.api.model.EvaluationMetrics;
import io.dinplatform.api.openapi.DoubleNumbers;
import io.dinplatform.api.openapi.JsonDocumentSchemas;
import io.dinplatform.api.openapi.NullableProperties;
import io.dinplatform.api.openapi.OperationExamples;
import io.dinplatform.api.openapi.ProblemResponses;
import io.dinplatform.api.run.RunProgress;
import io.dinplatform.api.run.StoredRunRequest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.JsonNode;

/**
 * The API's OpenAPI document ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}): springdoc reads the
 * controllers' annotations, {@link ProblemResponses} adds the errors, the security package the scopes,
 * {@link JsonDocumentSchemas} the shapes of stored JSON documents, {@link NullableProperties} the nulls,
 * {@link DoubleNumbers} the numbers' format, {@link OperationExamples} the examples. The document
 * is also committed (platform-api/src/main/openapi/din-platform.json) and the Java client is generated from that
 * file; docs/architecture.md ('The OpenAPI document') says how to keep them in step.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static {
        // A JSON value the platform passes through as it is (a dataset's schema and statistics, a model's
        // parameters): any object, never Jackson's node class with its dozens of getters.
        SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, new ObjectSchema().additionalProperties(true));
    }

    @Bean
    OpenAPI platformOpenApi() {
        return new OpenAPI().info(new Info()
                        .title("DIN Platform API")
                        .version("v1")
                        .description("Datasets, training runs, the model registry and online CTR prediction with the "
                                + "Deep Interest Network. Every call sends an API token (`Authorization: Bearer "
                                + "din_...`) with the scope the operation names; errors are RFC 9457 problem details "
                                + "(`application/problem+json`, schema `Problem`). A method that a path does not "
                                + "have is answered 405 with an `Allow` header naming those it has."))
                .servers(List.of(new Server().url("http://localhost:8080").description("The standalone platform")));
    }

    @Bean
    ProblemResponses problemResponses() {
        return new ProblemResponses();
    }

    @Bean
    OperationExamples operationExamples() {
        return new OperationExamples();
    }

    @Bean
    JsonDocumentSchemas jsonDocumentSchemas() {
        return new JsonDocumentSchemas()
                .property("TrainingRunView", "progress", RunProgress.class)
                .property("TrainingRunView", "metrics", EvaluationMetrics.class)
                .property("TrainingRunView", "request", StoredRunRequest.class)
                .property("ModelVersionView", "metrics", EvaluationMetrics.class)
                .property("BatchPredictionView", "metrics", EvaluationMetrics.class)
                .property("BatchPredictionView", "request", BatchPredictionRequest.class);
    }

    /** After every other customizer, so that it sees every schema. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    NullableProperties nullableProperties() {
        return new NullableProperties();
    }

    /** After every customizer that adds schemas, so that it sees every number. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    DoubleNumbers doubleNumbers() {
        return new DoubleNumbers();
    }
}
