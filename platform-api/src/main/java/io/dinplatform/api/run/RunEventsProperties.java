package io.dinplatform.api.run;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The live event stream of training runs ({@code din.api.events.*}).
 *
 * @param pollInterval how often an open stream asks the catalog for new events and the run's status; the worker
 *                     writes to PostgreSQL, so polling is how a point reaches the readers on every API instance
 * @param timeout      how long one stream stays open; a reader that follows a longer run reconnects with
 *                     {@code Last-Event-ID} and misses nothing
 */
@ConfigurationProperties("din.api.events")
public record RunEventsProperties(@DefaultValue("500ms") Duration pollInterval,
                                  @DefaultValue("30m") Duration timeout) {

    public RunEventsProperties {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("din.api.events.poll-interval must be positive, got " + pollInterval);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("din.api.events.timeout must be positive, got " + timeout);
        }
    }
}
