package io.dinplatform.registry.token;

import java.time.Instant;
import java.util.Set;

/**
 * A token as the catalog knows it: never its secret text, which only the client holds.
 *
 * @param id         the public identifier, also the part of the token text after {@code din_}
 * @param name       what it is for, as its creator described it
 * @param scopes     what it may do
 * @param createdAt  when it was created
 * @param lastUsedAt when it last authenticated a request (to the minute), or null
 * @param revokedAt  when it was revoked, or null while it is valid
 */
public record ApiToken(String id, String name, Set<TokenScope> scopes, Instant createdAt, Instant lastUsedAt,
                       Instant revokedAt) {

    public ApiToken {
        scopes = Set.copyOf(scopes);
    }

    public boolean active() {
        return revokedAt == null;
    }

    public boolean allows(TokenScope scope) {
        return active() && scopes.contains(scope);
    }
}
