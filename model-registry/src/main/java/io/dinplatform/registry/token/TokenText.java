package io.dinplatform.registry.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a token: {@code din_<id>_<secret>}, a 12-hex-digit public id and 256 random bits (URL-safe Base64).
 * With that much entropy a plain SHA-256 is a sound way to store it (no salt or slow hash is needed, unlike for
 * passwords a person chose); hashes are compared in constant time.
 */
public final class TokenText {

    private static final String PREFIX = "din_";
    private static final int ID_BYTES = 6;
    private static final int SECRET_BYTES = 32;
    private static final Pattern FORMAT = Pattern.compile("din_([0-9a-f]{12})_[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenText() {
    }

    /** A new token text: a fresh id and secret. */
    static String generate() {
        byte[] id = new byte[ID_BYTES];
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        return PREFIX + HexFormat.of().formatHex(id) + "_" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(secret);
    }

    /** The public id of a well-formed token text; empty for anything else. */
    static Optional<String> idOf(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(text);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** The SHA-256 of a token text, as 64 lowercase hex digits. */
    public static String sha256(String text) {
        return HexFormat.of().formatHex(digest(text));
    }

    /** Whether {@code text} hashes to {@code expectedSha256}, compared in constant time. */
    public static boolean matches(String text, String expectedSha256) {
        byte[] expected = HexFormat.of().parseHex(expectedSha256);
        return MessageDigest.isEqual(digest(text), expected);
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
