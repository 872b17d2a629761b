package io.dinplatform.api.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.dinplatform.registry.token.ApiToken;
import io.dinplatform.registry.token.ApiTokens;
import io.dinplatform.registry.token.TokenScope;
import io.dinplatform.registry.token.TokenText;
import org.springframework.dao.DataAccessException;

/**
 * Finds the token behind a presented text: the configured bootstrap token, or a token of the catalog.
 *
 * <p>Verified tokens are remembered for {@code din.security.token-cache-ttl}, keyed by the SHA-256 of their text
 * (the text itself is never kept), so that a burst of predictions does not query the catalog once per request. When
 * the catalog cannot be reached, a token verified before keeps working: predictions of loaded models go on while
 * the database restarts, and the catalog is asked again only after another period, so that requests do not each
 * wait for a connection timeout. A text not verified before cannot be checked then: {@link #authenticate} throws
 * the catalog's {@link DataAccessException}, which the API answers 503. Unknown texts are not remembered, so a
 * client cannot fill the memory with guesses.
 */
class TokenAuthenticator {

    private static final int MAX_REMEMBERED = 10_000;

    private final ApiTokens tokens;
    private final Optional<String> bootstrapSha256;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(ApiToken token, Instant at) {
    }

    TokenAuthenticator(ApiTokens tokens, SecurityProperties properties, Clock clock) {
        this.tokens = tokens;
        this.bootstrapSha256 = Optional.ofNullable(properties.bootstrapToken()).map(TokenText::sha256);
        this.ttl = properties.tokenCacheTtl();
        this.clock = clock;
    }

    /** The valid token this text stands for, or empty. */
    Optional<ApiToken> authenticate(String text) {
        if (bootstrapSha256.isPresent() && TokenText.matches(text, bootstrapSha256.get())) {
            return Optional.of(bootstrapToken());
        }
        String key = TokenText.sha256(text);
        Verified remembered = verified.get(key);
        Instant now = clock.instant();
        if (remembered != null && remembered.at().plus(ttl).isAfter(now)) {
            return Optional.of(remembered.token());
        }
        try {
            Optional<ApiToken> token = tokens.authenticate(text);
            remember(key, token, now);
            return token;
        } catch (DataAccessException e) {
            if (remembered != null) {
                // Trusted for another period, so that the next requests do not each wait for the database first.
                verified.put(key, new Verified(remembered.token(), now));
                return Optional.of(remembered.token());
            }
            throw e;
        }
    }

    /** Forgets every verification: after a revocation, the next request asks the catalog. */
    void forgetVerifications() {
        verified.clear();
    }

    private void remember(String key, Optional<ApiToken> token, Instant now) {
        if (token.isEmpty()) {
            verified.remove(key);
            return;
        }
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear();
        }
        verified.put(key, new Verified(token.get(), now));
    }

    private static ApiToken bootstrapToken() {
        return new ApiToken("bootstrap", "din.security.bootstrap-token", EnumSet.allOf(TokenScope.class), null, null,
                null);
    }
}
