package io.dinplatform.api.serving;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServingPropertiesTest {

    @Test
    void servedPassesTakeOneIntraOpThreadUnlessConfigured() {
        assertThat(bind(Map.of()).engineThreads()).isEqualTo(1);
        assertThat(bind(Map.of("din.serving.engine-threads", "4")).engineThreads()).isEqualTo(4);
    }

    @Test
    void aPassNeedsAtLeastOneThread() {
        assertThatThrownBy(() -> bind(Map.of("din.serving.engine-threads", "0")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessage("din.serving.engine-threads must be at least 1, got 0");
    }

    private static ServingProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("din.serving", ServingProperties.class);
    }
}
