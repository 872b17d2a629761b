package io.dinplatform.registry.model;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a process hears of model changes made by other processes ({@code din.model-changes.*}).
 *
 * @param listen         hold a connection that listens for the other processes' changes; a process that serves no
 *                       models (a training worker) turns it off. Its own changes are announced either way.
 * @param reconnectDelay how long to wait before connecting again after the connection was lost or refused; what
 *                       changes meanwhile is seen when the serving caches' time to live runs out
 */
@ConfigurationProperties("din.model-changes")
public record ModelChangeProperties(@DefaultValue("true") boolean listen,
                                    @DefaultValue("2s") Duration reconnectDelay) {

    public ModelChangeProperties {
        if (reconnectDelay.isNegative() || reconnectDelay.isZero()) {
            throw new IllegalArgumentException("din.model-changes.reconnect-delay must be positive, got "
                    + reconnectDelay);
        }
    }
}
