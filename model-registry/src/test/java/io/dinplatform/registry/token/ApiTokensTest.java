package io.dinplatform.registry.token;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dinplatform.registry.EmbeddedCatalogTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiTokensTest extends EmbeddedCatalogTest {

    @Autowired
    ApiTokens tokens;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anIssuedTokenAuthenticatesWithItsScopes() {
        IssuedToken issued = tokens.issue("ci pipeline", EnumSet.of(TokenScope.READ, TokenScope.PREDICT));

        assertThat(issued.secret()).matches("din_[0-9a-f]{12}_[A-Za-z0-9_-]{43}").contains(issued.token().id());
        assertThat(tokens.authenticate(issued.secret())).hasValueSatisfying(token -> {
            assertThat(token.name()).isEqualTo("ci pipeline");
            assertThat(token.scopes()).containsExactlyInAnyOrder(TokenScope.READ, TokenScope.PREDICT);
            assertThat(token.allows(TokenScope.PREDICT)).isTrue();
            assertThat(token.allows(TokenScope.WRITE)).isFalse();
        });
    }

    @Test
    void onlyTheHashOfTheTokenIsStored() {
        IssuedToken issued = tokens.issue("hashed", Set.of(TokenScope.READ));

        Map<String, Object> row = jdbc.sql("SELECT * FROM api_tokens WHERE id = ?").param(issued.token().id())
                .query().singleRow();
        assertThat(row.values()).extracting(String::valueOf).noneMatch(value -> value.contains(issued.secret())
                || value.contains(issued.secret().substring(issued.secret().lastIndexOf('_') + 1)));
        assertThat(row.get("token_sha256")).isEqualTo(TokenText.sha256(issued.secret()));
        assertThat(issued.toString()).doesNotContain(issued.secret());
    }

    @Test
    void aWrongOrMalformedTokenIsRefused() {
        IssuedToken issued = tokens.issue("target", Set.of(TokenScope.WRITE));
        String secret = issued.secret();
        char last = secret.charAt(secret.length() - 1);
        String oneCharacterOff = secret.substring(0, secret.length() - 1) + (last == 'A' ? 'B' : 'A');

        for (String presented : List.of(oneCharacterOff, secret + "x", secret.toUpperCase(), "", "din_",
                "din_" + issued.token().id() + "_", "Bearer " + secret, "din_zzzzzzzzzzzz_" + "a".repeat(43),
                "' OR '1'='1", "din_" + issued.token().id() + "_' OR '1'='1")) {
            assertThat(tokens.authenticate(presented)).as("token %s", presented).isEmpty();
        }
        assertThat(tokens.authenticate(null)).isEmpty();
    }

    @Test
    void aRevokedTokenNoLongerAuthenticates() {
        IssuedToken issued = tokens.issue("short-lived", Set.of(TokenScope.READ));

        assertThat(tokens.revoke(issued.token().id())).isTrue();

        assertThat(tokens.authenticate(issued.secret())).isEmpty();
        assertThat(tokens.revoke(issued.token().id())).as("a second revocation").isFalse();
        assertThat(tokens.find(issued.token().id())).hasValueSatisfying(token -> {
            assertThat(token.active()).isFalse();
            assertThat(token.revokedAt()).isNotNull();
        });
        assertThat(tokens.revoke("000000000000")).isFalse();
    }

    @Test
    void useIsRecordedAndListedWithoutSecrets() {
        IssuedToken issued = tokens.issue("listed", Set.of(TokenScope.ADMIN));
        assertThat(tokens.find(issued.token().id()).orElseThrow().lastUsedAt()).isNull();

        tokens.authenticate(issued.secret());

        assertThat(tokens.find(issued.token().id()).orElseThrow().lastUsedAt()).isNotNull();
        assertThat(tokens.list()).extracting(ApiToken::id).contains(issued.token().id());
    }

    @Test
    void aNameAndAtLeastOneScopeAreRequired() {
        assertThatThrownBy(() -> tokens.issue(" ", Set.of(TokenScope.READ))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.issue("x".repeat(129), Set.of(TokenScope.READ)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.issue("none", Set.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFirstAdminTokenIsIssuedOnlyWhileNoValidAdminTokenExists() {
        jdbc.sql("UPDATE api_tokens SET revoked_at = now() WHERE 'admin' = ANY (scopes)").update();

        IssuedToken first = tokens.issueFirstAdmin("bootstrap").orElseThrow();

        assertThat(first.token().scopes()).containsExactlyInAnyOrder(TokenScope.values());
        assertThat(tokens.issueFirstAdmin("bootstrap")).as("a second start").isEmpty();
        tokens.revoke(first.token().id());
        assertThat(tokens.issueFirstAdmin("bootstrap")).as("a start after the admin token was revoked").isPresent();
    }
}
