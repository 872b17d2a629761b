package io.dinplatform.api.monitoring;

import io.dinplatform.registry.artifact.ArtifactStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Process-level meters that Spring Boot's own binders do not cover, and the artifact store's health. */
@Configuration(proxyBeanMethods = false)
public class MonitoringConfiguration {

    @Bean
    NativeHeapMetrics nativeHeapMetrics() {
        return new NativeHeapMetrics();
    }

    @Bean
    ArtifactStoreHealthIndicator artifactStoreHealthIndicator(ArtifactStore store) {
        return new ArtifactStoreHealthIndicator(store);
    }
}
