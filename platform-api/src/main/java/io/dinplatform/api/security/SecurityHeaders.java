package io.dinplatform.api.security;

import java.util.Optional;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The headers on every answer, written by Spring Security's header writers: {@code X-Content-Type-Options: nosniff}
 * (JSON included), {@code X-Frame-Options: DENY}, {@code Referrer-Policy: no-referrer}, {@code Cache-Control:
 * no-store} unless an answer sets its own caching (so every answer that carries a token is never stored), HSTS on
 * answers served over TLS (a request the server sees as secure, also behind a proxy that forwards the scheme), and a
 * Content-Security-Policy: the dashboard and the API allow only their own scripts, styles and connections, no inline
 * code, and no framing; with single sign-on on, the dashboard may also connect to the issuer's origin (its discovery
 * document and token endpoint), and to nothing else. Swagger UI gets a policy of its own, since its stylesheet
 * embeds its icons as {@code data:}
 * images and its components write inline styles.
 */
final class SecurityHeaders implements Customizer<HeadersConfigurer<HttpSecurity>> {

    /** The dashboard's and the API's policy: nothing but the platform's own files, nothing inline, never framed. */
    static final String POLICY = "default-src 'self'; base-uri 'none'; object-src 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    /** Swagger UI's: the same, with its data: images and inline styles. */
    static final String SWAGGER_UI_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "style-src 'self' 'unsafe-inline'; base-uri 'none'; object-src 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private static final String CSP = "Content-Security-Policy";

    private final String policy;

    /** @param issuerOrigin the OpenID Connect issuer's origin, with single sign-on on */
    SecurityHeaders(Optional<String> issuerOrigin) {
        this.policy = issuerOrigin.map(origin -> POLICY.replace("default-src 'self'; ",
                "default-src 'self'; connect-src 'self' " + origin + "; ")).orElse(POLICY);
    }

    @Override
    public void customize(HeadersConfigurer<HttpSecurity> headers) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        RequestMatcher swaggerUi = new OrRequestMatcher(paths.matcher("/swagger-ui/**"),
                paths.matcher("/swagger-ui.html"));
        headers.contentTypeOptions(Customizer.withDefaults())
                .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                .cacheControl(Customizer.withDefaults())
                .httpStrictTransportSecurity(Customizer.withDefaults())
                .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(swaggerUi),
                        new StaticHeadersWriter(CSP, policy)))
                .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(swaggerUi,
                        new StaticHeadersWriter(CSP, SWAGGER_UI_POLICY)));
    }
}
