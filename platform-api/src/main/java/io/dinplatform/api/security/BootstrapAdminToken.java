package io.dinplatform.api.security;

import java.util.Optional;

import io.dinplatform.registry.token.ApiTokens;
import io.dinplatform.registry.token.IssuedToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Makes sure someone can administer a new platform. With {@code din.security.bootstrap-token} set, that token is
 * the admin; otherwise, when the catalog has no valid admin token (the first start, or after the last one was
 * revoked), one is created and printed in the log this once: the only place a token text is ever logged.
 */
class BootstrapAdminToken implements ApplicationRunner {

    static final String TOKEN_NAME = "first-start admin";

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdminToken.class);

    private final ApiTokens tokens;
    private final SecurityProperties properties;

    BootstrapAdminToken(ApiTokens tokens, SecurityProperties properties) {
        this.tokens = tokens;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensureAdmin();
    }

    /** The token created now, if one was. */
    Optional<IssuedToken> ensureAdmin() {
        if (properties.bootstrapToken() != null) {
            log.info("API tokens: the admin token of din.security.bootstrap-token is active");
            return Optional.empty();
        }
        Optional<IssuedToken> issued = tokens.issueFirstAdmin(TOKEN_NAME);
        issued.ifPresent(token -> log.warn("No API admin token existed, so one was created with every scope. Copy it "
                + "now, it is shown only this once: {} (send it as 'Authorization: Bearer <token>'; create narrower "
                + "tokens with POST /api/v1/tokens and revoke this one when done)", token.secret()));
        return issued;
    }
}
