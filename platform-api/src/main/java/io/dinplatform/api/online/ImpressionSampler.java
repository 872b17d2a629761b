package io.dinplatform.api.online;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import io.dinplatform.registry.impression.ImpressionSampling;

/**
 * Whether a request's impressions are logged: drawn per request at the model's rate (its own, else the platform's
 * default). Rates are read from the catalog at most once per {@code sampling-cache-ttl} per model, so a predict does
 * not query the database; while the catalog cannot be read, the last rate known (or the default) goes on.
 */
public class ImpressionSampler {

    private final ImpressionSampling sampling;
    private final ImpressionProperties properties;
    private final Clock clock;
    private final Map<String, KnownRate> rates = new ConcurrentHashMap<>();

    public ImpressionSampler(ImpressionSampling sampling, ImpressionProperties properties, Clock clock) {
        this.sampling = sampling;
        this.properties = properties;
        this.clock = clock;
    }

    /** Draws whether this request of the model is logged. */
    public boolean sampled(String model) {
        if (!properties.enabled()) {
            return false;
        }
        float rate = rateOf(model);
        return rate >= 1f || (rate > 0f && ThreadLocalRandom.current().nextFloat() < rate);
    }

    /** The rate in force for the model. */
    public float rateOf(String model) {
        Instant now = clock.instant();
        KnownRate known = rates.get(model);
        if (known != null && now.isBefore(known.readAt().plus(properties.samplingCacheTtl()))) {
            return known.rate();
        }
        float rate;
        try {
            rate = sampling.rateOf(model).orElse(properties.defaultSampleRate());
        } catch (RuntimeException catalogAway) {
            rate = known != null ? known.rate() : properties.defaultSampleRate();
        }
        rates.put(model, new KnownRate(rate, now));
        return rate;
    }

    /** Forgets the model's cached rate, after a change through this process. */
    public void forget(String model) {
        rates.remove(model);
    }

    private record KnownRate(float rate, Instant readAt) {
    }
}
