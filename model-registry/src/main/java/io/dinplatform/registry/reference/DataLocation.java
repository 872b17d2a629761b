package io.dinplatform.registry.reference;

import java.util.regex.Pattern;

/**
 * Where a client says a dataset's data lies, checked for form only (whether it exists, and may be read, is the
 * storage's to say).
 *
 * <ul>
 *   <li>{@code s3://bucket/key}: one object in the object storage of the artifact store;
 *       {@code s3://bucket/prefix/} (ending with {@code /}): every object under the prefix.</li>
 *   <li>{@code local:path}: a file, or every file below a directory, under the directory that
 *       {@code din.datasets.references.local-directory} allows; the path is relative to it.</li>
 * </ul>
 *
 * @param scheme    which storage
 * @param container the bucket; empty for a local path
 * @param path      the key or prefix in the bucket, or the path below the allowed directory
 */
public record DataLocation(Scheme scheme, String container, String path) {

    /** The storages a reference may name. */
    public enum Scheme { S3, LOCAL }

    /** S3's rule for bucket names (3 to 63 lowercase letters, digits, dots and hyphens). */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final int MAX_CHARS = 1024;
    private static final String S3 = "s3://";
    private static final String LOCAL = "local:";

    /** Parses a reference as a client sent it, or refuses it saying what the form should be. */
    public static DataLocation parse(String reference) {
        if (reference == null || reference.isBlank()) {
            throw new InvalidDataReferenceException(reference, "is empty");
        }
        if (reference.length() > MAX_CHARS || reference.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidDataReferenceException(reference, "must be at most " + MAX_CHARS
                    + " characters without control characters");
        }
        if (reference.startsWith(S3)) {
            return s3(reference, reference.substring(S3.length()));
        }
        if (reference.startsWith(LOCAL)) {
            String path = reference.substring(LOCAL.length());
            if (path.isEmpty()) {
                throw new InvalidDataReferenceException(reference, "names no path below the allowed directory");
            }
            return new DataLocation(Scheme.LOCAL, "", path);
        }
        throw new InvalidDataReferenceException(reference, "must be s3://bucket/key (an object), s3://bucket/prefix/"
                + " (every object under a prefix) or local:path (below the allowed directory)");
    }

    private static DataLocation s3(String reference, String rest) {
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw new InvalidDataReferenceException(reference, "names no key: write s3://bucket/key, or "
                    + "s3://bucket/prefix/ for every object under a prefix");
        }
        String bucket = rest.substring(0, slash);
        if (!BUCKET.matcher(bucket).matches()) {
            throw new InvalidDataReferenceException(reference, "'" + bucket + "' is not a valid bucket name");
        }
        return new DataLocation(Scheme.S3, bucket, rest.substring(slash + 1));
    }

    /** Whether an S3 location names every object under a prefix rather than one object. */
    public boolean prefix() {
        return path.isEmpty() || path.endsWith("/");
    }

    /** Another location in the same container (an object found under a prefix). */
    public DataLocation withPath(String otherPath) {
        return new DataLocation(scheme, container, otherPath);
    }

    /** The form {@link #parse} reads, as recorded in the catalog. */
    @Override
    public String toString() {
        return scheme == Scheme.S3 ? S3 + container + "/" + path : LOCAL + path;
    }
}
