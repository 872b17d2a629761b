package io.dinplatform.api.config;

import io.dinplatform.api.batch.BatchPredictionPartitioning;
import io.dinplatform.api.dataset.DatasetLimits;
import io.dinplatform.api.error.UploadLimits;
import io.dinplatform.api.run.RunLimits;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API's settings and its OpenAPI description ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({UploadLimits.class, DatasetLimits.class, RunLimits.class,
        BatchPredictionPartitioning.class})
public class ApiConfiguration {

    @Bean
    OpenAPI platformOpenApi() {
        return new OpenAPI().info(new Info()
                .title("DIN Platform API")
                .version("v1")
                .description("Datasets, training runs, the model registry and online CTR prediction with the Deep "
                        + "Interest Network. Errors are RFC 9457 problem details (application/problem+json)."));
    }
}
