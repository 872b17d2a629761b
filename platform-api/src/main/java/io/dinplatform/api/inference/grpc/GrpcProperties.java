package io.dinplatform.api.inference.grpc;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Open Inference Protocol's gRPC server ({@code din.grpc.*}).
 *
 * @param port                            the port it listens on; 0 turns it off
 * @param shutdownTimeout                 how long a stopping server lets calls in flight finish before it cancels
 *                                        them
 * @param handlerThreads                  the threads that run calls. A call holds its thread while it waits for its
 *                                        forward pass, so this bounds the calls worked on at once, as Tomcat's
 *                                        {@code server.tomcat.threads.max} (also 200) bounds REST requests; later
 *                                        calls wait for a thread in arrival order. Idle threads end after a minute.
 * @param maxConcurrentCallsPerConnection the HTTP/2 streams one connection may have open at once (advertised to the
 *                                        client, whose transport holds back further calls until one ends), so that
 *                                        a single client cannot queue without bound
 */
@ConfigurationProperties("din.grpc")
public record GrpcProperties(
        @DefaultValue("8081") int port,
        @DefaultValue("10s") Duration shutdownTimeout,
        @DefaultValue("200") int handlerThreads,
        @DefaultValue("100") int maxConcurrentCallsPerConnection) {

    public GrpcProperties {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("din.grpc.port must be 0 (off) or a port from 1 to 65535, got " + port);
        }
        if (shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("din.grpc.shutdown-timeout must not be negative, got "
                    + shutdownTimeout);
        }
        if (handlerThreads < 1) {
            throw new IllegalArgumentException("din.grpc.handler-threads must be at least 1, got " + handlerThreads);
        }
        if (maxConcurrentCallsPerConnection < 1) {
            throw new IllegalArgumentException("din.grpc.max-concurrent-calls-per-connection must be at least 1, got "
                    + maxConcurrentCallsPerConnection);
        }
    }

    public boolean enabled() {
        return port != 0;
    }
}
