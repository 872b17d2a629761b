package io.dinplatform.api.serving.split;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Shadow scoring settings ({@code din.serving.shadow.*}).
 *
 * @param threads       threads that score shadow requests (they run beside serving, so few)
 * @param queueCapacity the most shadow requests waiting; beyond it a request's shadow scoring is dropped and counted
 *                      ({@code din_shadow_dropped_total}), never waited for
 */
@ConfigurationProperties("din.serving.shadow")
public record ShadowProperties(@DefaultValue("1") int threads, @DefaultValue("1000") int queueCapacity) {

    public ShadowProperties {
        if (threads < 1) {
            throw new IllegalArgumentException("din.serving.shadow.threads must be at least 1, got " + threads);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("din.serving.shadow.queue-capacity must be at least 1, got "
                    + queueCapacity);
        }
    }
}
