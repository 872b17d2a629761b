package io.dinplatform.api.serving;

import io.dinplatform.api.online.ImpressionLog;
import io.dinplatform.api.serving.cache.IdleModelUnloader;
import io.dinplatform.api.serving.cache.ModelCache;
import io.dinplatform.api.serving.cache.ModelLoader;
import io.dinplatform.api.serving.metrics.ServingMetrics;
import io.dinplatform.api.serving.split.ShadowProperties;
import io.dinplatform.api.serving.split.ShadowScorer;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.model.ModelRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.servlet.HandlerExceptionResolver;

/** Online serving: the model cache, the per-version batchers, their meters and the request limits. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ServingProperties.class, ShadowProperties.class})
public class ServingConfiguration {

    @Bean
    ServingMetrics servingMetrics(MeterRegistry registry) {
        return new ServingMetrics(registry);
    }

    @Bean
    ModelLoader servingModelLoader(ArtifactStore artifacts, ServingProperties properties, ServingMetrics metrics) {
        return new ModelLoader(artifacts, properties.device(), properties.maxBatchSize(), properties.engineThreads(),
                properties.batchingPolicy(), metrics);
    }

    @Bean(destroyMethod = "close")
    ModelCache modelCache(ModelLoader loader, ServingProperties properties) {
        return new ModelCache(loader, properties.cacheMemory().toBytes(), properties.idleUnload());
    }

    /** {@code din_serving_models_loaded}: the versions loaded now (idle ones leave, see {@link ModelCache}). */
    @Bean
    MeterBinder loadedModelsGauge(ModelCache cache) {
        return registry -> Gauge.builder("din.serving.models.loaded", cache, loaded -> loaded.loaded().size())
                .description("Model versions loaded for serving")
                .register(registry);
    }

    @Bean(destroyMethod = "close")
    IdleModelUnloader idleModelUnloader(ModelCache cache, ServingProperties properties) {
        return new IdleModelUnloader(cache, properties.idleUnload());
    }

    @Bean
    ServedVersionResolver servedVersionResolver(ModelRepository models) {
        return new ServedVersionResolver(models);
    }

    @Bean
    ResolutionCache resolutionCache(ServedVersionResolver resolver, ServingProperties properties,
                                    @Qualifier("resolutionRefresher") ThreadPoolTaskExecutor refresher) {
        return new ResolutionCache(resolver, properties.resolutionTtl(), refresher);
    }

    /**
     * The background refreshes of alias resolutions: one thread is plenty (a refresh is one catalog query), and its
     * own so that a database outage, which holds a refresh for the pool's connection timeout, holds nothing else.
     */
    @Bean
    ThreadPoolTaskExecutor resolutionRefresher() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        executor.setDaemon(true);
        executor.setThreadNamePrefix("serving-resolution-");
        return executor;
    }

    @Bean(destroyMethod = "close")
    ShadowScorer shadowScorer(ModelCache cache, ImpressionLog impressions, ShadowProperties properties,
                              MeterRegistry meters) {
        return new ShadowScorer(cache, impressions, properties, meters);
    }

    @Bean
    PredictionService predictionService(ResolutionCache resolutions, ModelCache cache,
                                        ServingProperties properties, JsonMapper json, ImpressionLog impressions,
                                        ShadowScorer shadows) {
        return new PredictionService(resolutions, cache, properties, json, impressions, shadows);
    }

    /** Predict and rank found without matching every route of the API (see {@link ServingHandlerMapping}). */
    @Bean
    ServingHandlerMapping servingHandlerMapping(PredictionController controller) {
        return new ServingHandlerMapping(controller);
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> servingBodyLimit(
            ServingProperties properties,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(RequestBodyLimitFilter.serving(properties.maxBodySize(), problems));
        registration.addUrlPatterns("/api/v1/models/*", "/v2/models/*");
        return registration;
    }
}
