package io.dinplatform.api.online;

import java.time.Clock;

import io.dinplatform.api.dataset.DatasetRegistration;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.registry.impression.ImpressionPartitions;
import io.dinplatform.registry.impression.ImpressionRepository;
import io.dinplatform.registry.impression.ImpressionSampling;
import io.dinplatform.registry.model.ModelRepository;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The impression log, its writer and maintenance, and online evaluation over it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ImpressionProperties.class, OnlineComparisonProperties.class})
class ImpressionConfiguration {

    private static final Clock CLOCK = Clock.systemUTC();

    @Bean
    ImpressionQueue impressionQueue(ImpressionProperties properties, MeterRegistry meters) {
        return new ImpressionQueue(properties.queueCapacity(), meters);
    }

    @Bean
    ImpressionSampler impressionSampler(ImpressionSampling sampling, ImpressionProperties properties) {
        return new ImpressionSampler(sampling, properties, CLOCK);
    }

    @Bean
    ImpressionLog impressionLog(ImpressionSampler sampler, ImpressionQueue queue) {
        return new ImpressionLog(sampler, queue);
    }

    @Bean
    ImpressionWriter impressionWriter(ImpressionQueue queue, ImpressionRepository impressions,
                                      ImpressionPartitions partitions, ImpressionProperties properties,
                                      MeterRegistry meters) {
        return new ImpressionWriter(queue, impressions, partitions, properties, meters);
    }

    @Bean
    ImpressionMaintenance impressionMaintenance(ImpressionPartitions partitions, ImpressionProperties properties) {
        return new ImpressionMaintenance(partitions, properties, CLOCK);
    }

    @Bean
    FeedbackService feedbackService(ImpressionRepository impressions, ImpressionProperties properties) {
        return new FeedbackService(impressions, properties, CLOCK);
    }

    @Bean
    OnlineMetricsService onlineMetricsService(ImpressionRepository impressions) {
        return new OnlineMetricsService(impressions);
    }

    @Bean
    OnlineComparisonService onlineComparisonService(ImpressionRepository impressions,
                                                    OnlineComparisonProperties properties) {
        return new OnlineComparisonService(impressions, properties);
    }

    @Bean
    DriftService driftService(ImpressionRepository impressions, ModelRepository models, DatasetRepository datasets,
                              ImpressionProperties properties) {
        return new DriftService(impressions, models, datasets, properties);
    }

    @Bean
    OnlineGauges onlineGauges(ImpressionRepository impressions, OnlineMetricsService metrics, DriftService drift,
                              ImpressionProperties properties, MeterRegistry meters) {
        return new OnlineGauges(impressions, metrics, drift, properties, CLOCK, meters);
    }

    @Bean
    TrafficDatasets trafficDatasets(ImpressionRepository impressions, ModelRepository models,
                                    DatasetRepository datasets, DatasetRegistration registration,
                                    ImpressionProperties properties) {
        return new TrafficDatasets(impressions, models, datasets, registration, properties, CLOCK);
    }

    @Bean
    Clock clock() {
        return CLOCK;
    }
}
