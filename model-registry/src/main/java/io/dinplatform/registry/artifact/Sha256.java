package io.dinplatform.registry.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The address of an artifact: a lowercase hex SHA-256. */
public final class Sha256 {

    private static final Pattern HEX_64 = Pattern.compile("[0-9a-f]{64}");

    private Sha256() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The SHA-256 of everything the stream still delivers. */
    public static String of(InputStream content) throws IOException {
        DigestInputStream hashing = new DigestInputStream(content, newDigest());
        hashing.transferTo(OutputStream.nullOutputStream());
        return hex(hashing.getMessageDigest());
    }

    /** Rejects anything but a well-formed address, so that no caller-supplied text ever becomes a path. */
    public static String requireValid(String sha256) {
        if (sha256 == null || !HEX_64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256 address (64 lowercase hex digits): " + sha256);
        }
        return sha256;
    }
}
