package io.dinplatform.api.serving.metrics;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The serving meters, published at {@code /actuator/prometheus} and tagged by {@code model} and {@code version}:
 * <ul>
 *   <li>{@code din_serving_request_latency_seconds} (histogram, also tagged {@code endpoint}: predict or rank),</li>
 *   <li>{@code din_serving_queue_wait_seconds} (histogram: how long requests waited for their batch),</li>
 *   <li>{@code din_serving_batch_size} (histogram of instances per forward pass),</li>
 *   <li>{@code din_serving_predictions_total} (instances scored; its {@code rate()} is predictions per second),</li>
 *   <li>{@code din_serving_rejections_total} (requests refused because the queue was full).</li>
 * </ul>
 */
public class ServingMetrics {

    static final String REQUEST_LATENCY = "din.serving.request.latency";
    static final String QUEUE_WAIT = "din.serving.queue.wait";
    static final String BATCH_SIZE = "din.serving.batch.size";
    static final String PREDICTIONS = "din.serving.predictions";
    static final String REJECTIONS = "din.serving.rejections";

    private final MeterRegistry registry;

    public ServingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The meters of one model version (registering them on first use). */
    public ModelVersionMetrics of(String model, int version) {
        return new ModelVersionMetrics(registry, model, Integer.toString(version));
    }
}
