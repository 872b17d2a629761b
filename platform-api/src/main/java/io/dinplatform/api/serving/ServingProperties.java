package io.dinplatform.api.serving;

import java.time.Duration;

import io.dinplatform.api.serving.batching.BatchingPolicy;
import io.dinplatform.core.device.DeviceChoice;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Online serving settings ({@code din.serving.*}).
 *
 * @param batching                 merge concurrent requests of one model version into one forward pass; off, each
 *                                 request is scored alone (the baseline of the serving benchmark)
 * @param maxBatchSize             the most instances one forward pass takes
 * @param maxQueueDelay            how long the first request of a batch may wait for others to join it
 * @param queueCapacity            the most instances of one model version admitted and not yet answered; beyond it a
 *                                 request is refused with 429 rather than letting the queue grow without bound
 * @param workers                  forward passes that may run at once per model version (the predictor pool)
 * @param engineThreads            the intra-op threads of each served forward pass, set on the thread that runs it
 *                                 (a training run in the same process keeps its own); 1 by default: a served pass is
 *                                 a batch of a few dozen rows, where a second thread mostly forks, joins and spins, and
 *                                 the {@code workers} already use several cores
 * @param retryAfter               what a 429 answer suggests in {@code Retry-After}
 * @param maxInstancesPerRequest   the most instances one predict request may carry
 * @param maxCandidatesPerRequest  the most candidates one rank request may carry
 * @param maxBodySize              the largest predict or rank request body (413 beyond)
 * @param cacheMemory              the memory the loaded models may take together; the least recently used model
 *                                 goes first (one model is always kept, however large)
 * @param idleUnload               a loaded version that has had no request for this long is unloaded (the next
 *                                 request loads it again); 0 keeps versions until the memory budget needs room
 * @param device                   where served models run: AUTO takes a GPU when the engine sees one
 * @param resolutionTtl            how long the version an alias (or the default) resolves to is reused before the
 *                                 catalog is asked again; a change to a model's aliases or versions takes effect on
 *                                 the next request regardless once it is announced (by this process, or by another
 *                                 through PostgreSQL), so this bounds only how long a missed announcement goes
 *                                 unseen; 0 asks the catalog on every request
 */
@ConfigurationProperties("din.serving")
public record ServingProperties(
        @DefaultValue("true") boolean batching,
        @DefaultValue("64") int maxBatchSize,
        @DefaultValue("2ms") Duration maxQueueDelay,
        @DefaultValue("4096") int queueCapacity,
        @DefaultValue("2") int workers,
        @DefaultValue("1") int engineThreads,
        @DefaultValue("1s") Duration retryAfter,
        @DefaultValue("1000") int maxInstancesPerRequest,
        @DefaultValue("10000") int maxCandidatesPerRequest,
        @DefaultValue("8MB") DataSize maxBodySize,
        @DefaultValue("1GB") DataSize cacheMemory,
        @DefaultValue("5m") Duration idleUnload,
        @DefaultValue("AUTO") DeviceChoice device,
        @DefaultValue("1s") Duration resolutionTtl) {

    public ServingProperties {
        require(maxBatchSize >= 1, "din.serving.max-batch-size must be at least 1, got " + maxBatchSize);
        require(!maxQueueDelay.isNegative(), "din.serving.max-queue-delay must not be negative, got " + maxQueueDelay);
        require(queueCapacity >= 1, "din.serving.queue-capacity must be at least 1, got " + queueCapacity);
        require(workers >= 1, "din.serving.workers must be at least 1, got " + workers);
        require(engineThreads >= 1, "din.serving.engine-threads must be at least 1, got " + engineThreads);
        require(maxInstancesPerRequest >= 1,
                "din.serving.max-instances-per-request must be at least 1, got " + maxInstancesPerRequest);
        require(maxCandidatesPerRequest >= 1,
                "din.serving.max-candidates-per-request must be at least 1, got " + maxCandidatesPerRequest);
        require(maxBodySize.toBytes() >= 1, "din.serving.max-body-size must be positive, got " + maxBodySize);
        require(!resolutionTtl.isNegative(), "din.serving.resolution-ttl must not be negative, got " + resolutionTtl);
        require(cacheMemory.toBytes() >= 1, "din.serving.cache-memory must be positive, got " + cacheMemory);
        require(!idleUnload.isNegative(), "din.serving.idle-unload must not be negative, got " + idleUnload);
    }

    /** The batching settings of one model version's queue. */
    public BatchingPolicy batchingPolicy() {
        return new BatchingPolicy(batching ? maxBatchSize : 1, batching ? maxQueueDelay : Duration.ZERO,
                queueCapacity, workers);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
