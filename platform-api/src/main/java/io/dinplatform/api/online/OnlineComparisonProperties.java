package io.dinplatform.api.online;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Online comparison settings ({@code din.online-comparison.*}).
 *
 * @param bootstrapResamples how many times the users are resampled for the AUC and GAUC intervals
 * @param bootstrapSeed      the seed of the resampling, so that the same impressions give the same intervals
 */
@ConfigurationProperties("din.online-comparison")
public record OnlineComparisonProperties(@DefaultValue("1000") int bootstrapResamples,
                                         @DefaultValue("20261207") long bootstrapSeed) {

    public OnlineComparisonProperties {
        if (bootstrapResamples < 1) {
            throw new IllegalArgumentException("din.online-comparison.bootstrap-resamples must be at least 1, got "
                    + bootstrapResamples);
        }
    }
}
