package io.dinplatform.api.inference.grpc;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GrpcPropertiesTest {

    @Test
    void callsRunOnTwoHundredThreadsWithAHundredStreamsAConnectionUnlessConfigured() {
        GrpcProperties defaults = bind(Map.of());
        assertThat(defaults.handlerThreads()).isEqualTo(200);
        assertThat(defaults.maxConcurrentCallsPerConnection()).isEqualTo(100);
        GrpcProperties set = bind(Map.of("din.grpc.handler-threads", "8",
                "din.grpc.max-concurrent-calls-per-connection", "16"));
        assertThat(set.handlerThreads()).isEqualTo(8);
        assertThat(set.maxConcurrentCallsPerConnection()).isEqualTo(16);
    }

    @Test
    void neitherBoundMayBeZero() {
        assertThatThrownBy(() -> bind(Map.of("din.grpc.handler-threads", "0")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessage("din.grpc.handler-threads must be at least 1, got 0");
        assertThatThrownBy(() -> bind(Map.of("din.grpc.max-concurrent-calls-per-connection", "0")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessage("din.grpc.max-concurrent-calls-per-connection must be at least 1, got 0");
    }

    private static GrpcProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("din.grpc", GrpcProperties.class);
    }
}
