package io.dinplatform.api.online;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The impression log of online evaluation ({@code din.impressions.*}).
 *
 * @param enabled               whether serving logs impressions at all (every answer carries impression ids either way)
 * @param defaultSampleRate     the share of requests logged for a model without a rate of its own (0 to 1); a request
 *                              is logged whole, so a ranking's candidates stay together for per-user AUC
 * @param queueCapacity         impressions waiting for the writer; when it is full, new ones are dropped and counted
 *                              ({@code din_impressions_dropped_total}), so logging never holds up a request
 * @param batchSize             the most impressions one write sends
 * @param flushInterval         the longest an impression waits in the queue when traffic is light: feedback sent
 *                              sooner may find its impression not yet written (reported {@code UNKNOWN}; send again)
 * @param retention             how long impressions and their feedback are kept; whole days are dropped
 * @param maintenanceInterval   how often the day partitions ahead are made and the expired ones dropped
 * @param samplingCacheTtl      how long a model's rate is reused before it is read again (a change made through
 *                              another replica applies here within this time)
 * @param maxFeedbackPerRequest the most reports one {@code POST /api/v1/feedback} may carry
 * @param driftThreshold        the population stability index above which a served distribution counts as moved
 *                              (by convention 0.1 is a small shift and 0.25 one to act on)
 * @param gaugeRefresh          how often the last complete hour is tallied for the Prometheus gauges
 *                              ({@code din_online_*}, {@code din_drift_*}), its figures computed again where the
 *                              tally changed
 */
@ConfigurationProperties("din.impressions")
public record ImpressionProperties(@DefaultValue("true") boolean enabled,
                                   @DefaultValue("1.0") float defaultSampleRate,
                                   @DefaultValue("100000") int queueCapacity,
                                   @DefaultValue("1000") int batchSize,
                                   @DefaultValue("1s") Duration flushInterval,
                                   @DefaultValue("30d") Duration retention,
                                   @DefaultValue("1h") Duration maintenanceInterval,
                                   @DefaultValue("10s") Duration samplingCacheTtl,
                                   @DefaultValue("10000") int maxFeedbackPerRequest,
                                   @DefaultValue("0.25") double driftThreshold,
                                   @DefaultValue("1m") Duration gaugeRefresh) {

    public ImpressionProperties {
        if (!(defaultSampleRate >= 0f && defaultSampleRate <= 1f)) {
            throw new IllegalArgumentException("din.impressions.default-sample-rate must be between 0 and 1, got "
                    + defaultSampleRate);
        }
        requirePositive("queue-capacity", queueCapacity);
        requirePositive("batch-size", batchSize);
        requirePositive("max-feedback-per-request", maxFeedbackPerRequest);
        requirePositive("flush-interval", flushInterval);
        requirePositive("maintenance-interval", maintenanceInterval);
        requirePositive("sampling-cache-ttl", samplingCacheTtl);
        requirePositive("gauge-refresh", gaugeRefresh);
        if (!(driftThreshold > 0)) {
            throw new IllegalArgumentException("din.impressions.drift-threshold must be positive, got "
                    + driftThreshold);
        }
        if (retention.toHours() < 24) {
            throw new IllegalArgumentException("din.impressions.retention must be at least one day (whole days are "
                    + "dropped), got " + retention);
        }
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("din.impressions." + name + " must be at least 1, got " + value);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("din.impressions." + name + " must be positive, got " + value);
        }
    }
}
