package io.dinplatform.api.serving.metrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.dinplatform.api.serving.batching.BatchObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The meters of one model version; also the observer of its batcher. */
public final class ModelVersionMetrics implements BatchObserver {

    private static final Duration LONGEST_EXPECTED_LATENCY = Duration.ofSeconds(10);

    private final Timer predictLatency;
    private final Timer rankLatency;
    private final Timer queueWait;
    private final DistributionSummary batchSize;
    private final Counter predictions;
    private final Counter rejections;

    ModelVersionMetrics(MeterRegistry registry, String model, String version) {
        predictLatency = latency(registry, model, version, "predict");
        rankLatency = latency(registry, model, version, "rank");
        queueWait = Timer.builder(ServingMetrics.QUEUE_WAIT)
                .description("How long a prediction request waited in its model version's queue for a batch")
                .tags("model", model, "version", version)
                .publishPercentileHistogram()
                .maximumExpectedValue(LONGEST_EXPECTED_LATENCY)
                .register(registry);
        batchSize = DistributionSummary.builder(ServingMetrics.BATCH_SIZE)
                .description("Instances scored per forward pass")
                .baseUnit("instances")
                .tags("model", model, "version", version)
                .publishPercentileHistogram()
                .minimumExpectedValue(1.0)
                .maximumExpectedValue(65_536.0)
                .register(registry);
        predictions = Counter.builder(ServingMetrics.PREDICTIONS)
                .description("Instances scored (predict instances and rank candidates); rate() is per second")
                .tags("model", model, "version", version)
                .register(registry);
        rejections = Counter.builder(ServingMetrics.REJECTIONS)
                .description("Requests refused with 429 because the model version's queue was full")
                .tags("model", model, "version", version, "reason", "queue_full")
                .register(registry);
    }

    public void predictAnswered(int instances, long nanos) {
        predictLatency.record(nanos, TimeUnit.NANOSECONDS);
        predictions.increment(instances);
    }

    public void rankAnswered(int candidates, long nanos) {
        rankLatency.record(nanos, TimeUnit.NANOSECONDS);
        predictions.increment(candidates);
    }

    @Override
    public void queueWait(long nanos) {
        queueWait.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void batch(int instances) {
        batchSize.record(instances);
    }

    @Override
    public void rejected(int instances) {
        rejections.increment();
    }

    private static Timer latency(MeterRegistry registry, String model, String version, String endpoint) {
        return Timer.builder(ServingMetrics.REQUEST_LATENCY)
                .description("Time from a prediction request's arrival to its answer, queueing included")
                .tags("model", model, "version", version, "endpoint", endpoint)
                .publishPercentileHistogram()
                .maximumExpectedValue(LONGEST_EXPECTED_LATENCY)
                .register(registry);
    }
}
