package io.dinplatform.api.inference;

import java.util.Optional;

import io.dinplatform.api.PlatformApiApplication;
import io.dinplatform.api.permission.PredictPermissions;
import io.dinplatform.api.serving.PredictionService;
import io.dinplatform.api.serving.ResolutionCache;
import io.dinplatform.api.serving.ServingProperties;
import io.dinplatform.api.serving.cache.ModelCache;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Open Inference Protocol's operations, shared by its REST and gRPC bindings. */
@Configuration(proxyBeanMethods = false)
public class InferenceConfiguration {

    @Bean
    InferenceService inferenceService(PredictionService predictions, ResolutionCache resolutions, ModelCache models,
                                      ServingProperties limits, ApplicationAvailability availability,
                                      PredictPermissions permissions) {
        String version = Optional.ofNullable(PlatformApiApplication.class.getPackage().getImplementationVersion())
                .orElse("development");
        return new InferenceService(predictions, resolutions, models, limits, availability, version, permissions);
    }
}
