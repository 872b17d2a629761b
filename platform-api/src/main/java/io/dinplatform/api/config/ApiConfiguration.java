package io.dinplatform.api.config;

import io.dinplatform.api.batch.BatchPredictionPartitioning;
import io.dinplatform.api.dataset.DatasetLimits;
import io.dinplatform.api.error.UploadLimits;
import io.dinplatform.api.run.RunLimits;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The API's settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({UploadLimits.class, DatasetLimits.class, RunLimits.class,
        BatchPredictionPartitioning.class})
public class ApiConfiguration {
}
