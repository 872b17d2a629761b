package io.dinplatform.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What Spring Security reports to Micrometer ({@code din.security.observations.*}): timers, and spans where a tracer
 * is configured.
 *
 * @param filterChain     every request through the filter chain, each filter observed before and after
 *                        ({@code spring.security.filterchains}). Off by default: it took about a fifth of the CPU of a
 *                        small request on its thread (a one-instance predict, a liveness probe), for per-filter timings
 *                        that {@code http.server.requests} already sums up
 * @param authentications every authentication of a token ({@code spring.security.authentications}), with its outcome
 * @param authorizations  every authorization decision ({@code spring.security.authorizations}), with its outcome
 */
@ConfigurationProperties("din.security.observations")
public record SecurityObservationProperties(
        @DefaultValue("false") boolean filterChain,
        @DefaultValue("true") boolean authentications,
        @DefaultValue("true") boolean authorizations) {
}
