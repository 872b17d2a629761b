package io.dinplatform.api.security;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dinplatform.registry.token.ApiToken;
import io.dinplatform.registry.token.IssuedToken;
import io.dinplatform.registry.token.TokenScope;

/**
 * A token as the API shows it. Its text appears only in the answer that created it.
 *
 * @param id         the public identifier (the part of the text after {@code din_}), also used to revoke it
 * @param name       what it is for
 * @param scopes     what it may do
 * @param active     false once revoked
 * @param createdAt  when it was created
 * @param lastUsedAt when it last authenticated a request (to the minute), or null
 * @param revokedAt  when it was revoked, or null
 * @param token      the token text: only when just created, never again
 */
public record TokenView(String id, String name, List<String> scopes, boolean active, Instant createdAt,
                        Instant lastUsedAt, Instant revokedAt,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String token) {

    static TokenView of(ApiToken t) {
        return new TokenView(t.id(), t.name(), t.scopes().stream().sorted().map(TokenScope::label).toList(),
                t.active(), t.createdAt(), t.lastUsedAt(), t.revokedAt(), null);
    }

    static TokenView issued(IssuedToken issued) {
        TokenView view = of(issued.token());
        return new TokenView(view.id, view.name, view.scopes, view.active, view.createdAt, view.lastUsedAt,
                view.revokedAt, issued.secret());
    }

    /** Never the token text, should a view ever be logged. */
    @Override
    public String toString() {
        return "TokenView[id=" + id + ", name=" + name + ", scopes=" + scopes + ", active=" + active + "]";
    }
}
