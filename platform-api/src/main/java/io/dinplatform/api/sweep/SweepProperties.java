package io.dinplatform.api.sweep;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Hyperparameter sweeps ({@code din.sweeps.*}).
 *
 * @param pollInterval how often the platform looks at running sweeps: stops hopeless trials, queues the next ones,
 *                     ends a sweep whose trials have all ended. Every platform process may do it; a sweep is
 *                     advanced by one process at a time
 */
@ConfigurationProperties("din.sweeps")
public record SweepProperties(@DefaultValue("2s") Duration pollInterval) {

    public SweepProperties {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("din.sweeps.poll-interval must be positive, got " + pollInterval);
        }
    }
}
