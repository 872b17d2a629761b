package io.dinplatform.api.security;

import io.dinplatform.api.PlatformApiTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.config.observation.SecurityObservationSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security's observations as {@code din.security.observations.*} sets them: by default every authorization
 * is timed, the filter chain's filters are not.
 */
class SecurityObservationsTest extends PlatformApiTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void byDefaultAuthorizationsAreObservedAndTheFilterChainIsNot() {
        assertThat(get("/api/v1/models").getStatusCode().value()).isEqualTo(200);

        assertThat(meters.find("spring.security.authorizations").timers()).as("authorizations").isNotEmpty();
        assertThat(meters.find("spring.security.filterchains").timers()).as("the filter chain").isEmpty();
        assertThat(meters.find("http.server.requests").tag("uri", "/api/v1/models").timers())
                .as("the request itself").isNotEmpty();
    }

    @Test
    void eachObservationFollowsItsSetting() {
        SecurityConfiguration configuration = new SecurityConfiguration();
        SecurityObservationSettings all = configuration.securityObservationSettings(
                new SecurityObservationProperties(true, true, true));
        SecurityObservationSettings none = configuration.securityObservationSettings(
                new SecurityObservationProperties(false, false, false));

        assertThat(all.shouldObserveRequests()).isTrue();
        assertThat(all.shouldObserveAuthentications()).isTrue();
        assertThat(all.shouldObserveAuthorizations()).isTrue();
        assertThat(none.shouldObserveRequests()).isFalse();
        assertThat(none.shouldObserveAuthentications()).isFalse();
        assertThat(none.shouldObserveAuthorizations()).isFalse();
    }
}
