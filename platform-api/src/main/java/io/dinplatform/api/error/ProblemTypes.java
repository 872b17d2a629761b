package io.dinplatform.api.error;

import java.net.URI;

/**
 * The {@code type} of each problem this API reports (RFC 9457): a stable identifier that clients can branch on,
 * relative to the API's own address.
 */
public final class ProblemTypes {

    public static final URI INVALID_REQUEST = URI.create("/problems/invalid-request");
    public static final URI INVALID_SCHEMA = URI.create("/problems/invalid-schema");
    public static final URI INVALID_DATA = URI.create("/problems/invalid-data");
    public static final URI NOT_FOUND = URI.create("/problems/not-found");
    public static final URI CONFLICT = URI.create("/problems/conflict");
    public static final URI UPLOAD_TOO_LARGE = URI.create("/problems/upload-too-large");
    public static final URI CORRUPT_ARTIFACT = URI.create("/problems/corrupt-artifact");
    public static final URI INTERNAL = URI.create("/problems/internal-error");
    public static final URI ARTIFACT_STORE_UNAVAILABLE = URI.create("/problems/artifact-store-unavailable");
    public static final URI CATALOG_UNAVAILABLE = URI.create("/problems/catalog-unavailable");
    public static final URI ISSUER_UNAVAILABLE = URI.create("/problems/issuer-unavailable");
    public static final URI UNAUTHENTICATED = URI.create("/problems/unauthenticated");
    public static final URI FORBIDDEN = URI.create("/problems/forbidden");

    private ProblemTypes() {
    }
}
