package io.dinplatform.registry.token;

/**
 * A token just created, with the text the client must keep: it is shown this once and cannot be recovered, since
 * the catalog stores only its hash.
 *
 * @param token  the stored token
 * @param secret the token text to send as {@code Authorization: Bearer <secret>}
 */
public record IssuedToken(ApiToken token, String secret) {

    /** Never the secret: an issued token that reaches a log line must not leak it. */
    @Override
    public String toString() {
        return "IssuedToken[" + token + ", secret=(hidden)]";
    }
}
