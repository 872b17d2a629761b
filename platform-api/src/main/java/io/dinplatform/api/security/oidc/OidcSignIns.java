package io.dinplatform.api.security.oidc;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.dinplatform.registry.token.TokenText;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Tells the application about each new access token ({@link OidcSignIn}), once: the tokens seen are remembered by
 * their {@code jti} (or their text's SHA-256), the least recently used forgotten beyond a bound, so that the memory
 * cannot grow with the number of tokens.
 */
final class OidcSignIns {

    static final int REMEMBERED = 10_000;

    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Set<String> seen = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            }));

    OidcSignIns(ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** Publishes a sign-in if this token was not seen before. */
    void seen(Jwt token, String subject) {
        String key = token.getId() != null ? "jti:" + token.getId()
                : "sha256:" + TokenText.sha256(token.getTokenValue());
        if (seen.add(key)) {
            String issuer = token.getIssuer() == null ? null : token.getIssuer().toString();
            events.publishEvent(new OidcSignIn(subject, issuer, clock.instant()));
        }
    }
}
