package io.dinplatform.api.monitoring;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Process-level meters that Spring Boot's own binders do not cover. */
@Configuration(proxyBeanMethods = false)
public class MonitoringConfiguration {

    @Bean
    NativeHeapMetrics nativeHeapMetrics() {
        return new NativeHeapMetrics();
    }
}
