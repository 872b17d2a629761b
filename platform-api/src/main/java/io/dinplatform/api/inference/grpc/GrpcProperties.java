package io.dinplatform.api.inference.grpc;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Open Inference Protocol's gRPC server ({@code din.grpc.*}).
 *
 * @param port            the port it listens on; 0 turns it off
 * @param shutdownTimeout how long a stopping server lets calls in flight finish before it cancels them
 */
@ConfigurationProperties("din.grpc")
public record GrpcProperties(
        @DefaultValue("8081") int port,
        @DefaultValue("10s") Duration shutdownTimeout) {

    public GrpcProperties {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("din.grpc.port must be 0 (off) or a port from 1 to 65535, got " + port);
        }
        if (shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("din.grpc.shutdown-timeout must not be negative, got "
                    + shutdownTimeout);
        }
    }

    public boolean enabled() {
        return port != 0;
    }
}
