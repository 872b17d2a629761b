package io.dinplatform.api.security;

import java.time.Duration;

import io.dinplatform.api.security.oidc.OidcProperties;
import io.dinplatform.registry.token.TokenScope;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the API ({@code din.security.*}). Every call that changes state needs a token with the right scope;
 * reading the catalog and asking for predictions can be opened to anyone for a local trial.
 *
 * @param bootstrapToken an admin token (every scope) taken from configuration, e.g. a secret of the deployment;
 *                       when unset and no admin token exists, one is generated at the first start and printed once
 * @param openRead       let anyone read the catalog (GET of datasets, runs, models) without a token
 * @param openPredict    let anyone ask for predictions and rankings without a token
 * @param tokenCacheTtl  how long a verified token is trusted before the catalog is asked again; a revocation made
 *                       through this server takes effect at once, one made through another replica within this time.
 *                       While the database is unreachable, the last verification stands, so that serving goes on.
 *                       Serving's copy of a model's grants is read again after the same time when a change was not
 *                       announced to this replica.
 * @param oidc           single sign-on: JWT access tokens of an OpenID Connect issuer ({@code din.security.oidc.*}),
 *                       off unless its issuer is set
 */
@ConfigurationProperties("din.security")
public record SecurityProperties(
        String bootstrapToken,
        @DefaultValue("false") boolean openRead,
        @DefaultValue("false") boolean openPredict,
        @DefaultValue("10s") Duration tokenCacheTtl,
        @DefaultValue OidcProperties oidc) {

    /** A token anyone can guess protects nothing: a configured one must be long enough to be a real secret. */
    public static final int MIN_BOOTSTRAP_TOKEN_LENGTH = 32;

    public SecurityProperties {
        if (bootstrapToken != null && bootstrapToken.isBlank()) {
            bootstrapToken = null;
        }
        if (bootstrapToken != null && (bootstrapToken.length() < MIN_BOOTSTRAP_TOKEN_LENGTH
                || !bootstrapToken.chars().allMatch(c -> c > ' ' && c < 127))) {
            throw new IllegalArgumentException("din.security.bootstrap-token must be at least "
                    + MIN_BOOTSTRAP_TOKEN_LENGTH + " printable ASCII characters without spaces (e.g. the output of "
                    + "'openssl rand -hex 32')");
        }
        if (tokenCacheTtl.isNegative()) {
            throw new IllegalArgumentException("din.security.token-cache-ttl must not be negative, got "
                    + tokenCacheTtl);
        }
    }

    /** Whether requests that need this scope are open to anyone, with or without a token. */
    public boolean opens(TokenScope scope) {
        return scope == TokenScope.READ && openRead || scope == TokenScope.PREDICT && openPredict;
    }

    /** Never the bootstrap token: settings may be printed (actuator, a failed start), the token must not be. */
    @Override
    public String toString() {
        return "SecurityProperties[bootstrapToken=" + (bootstrapToken == null ? "unset" : "(hidden)") + ", openRead="
                + openRead + ", openPredict=" + openPredict + ", tokenCacheTtl=" + tokenCacheTtl + ", oidc=" + oidc
                + "]";
    }
}
