package io.dinplatform.api.security.oidc;

import java.time.Instant;

/**
 * Published (as an application event) the first time the platform sees an access token of the issuer: a person or a
 * service signed in. A token is recognized by its {@code jti}, or by the SHA-256 of its text when it has none; the
 * last 10,000 are remembered, so a token used again is not a new sign-in (one forgotten and seen again would be
 * reported once more).
 *
 * @param subject who signed in: the principal claim's value ({@code sub} by default), the authentication's name
 * @param issuer  the issuer that vouched for it
 * @param at      when the platform first saw the token
 */
public record OidcSignIn(String subject, String issuer, Instant at) {
}
