package io.dinplatform.api.security;

import java.util.Optional;
import java.util.regex.Pattern;

import io.dinplatform.registry.token.TokenScope;

/**
 * The scope a request needs, from its method and path. Everything under {@code /api/} needs one: tokens need
 * {@code admin}, predictions and rankings {@code predict}, other reads {@code read}, and anything else that may
 * change state {@code write}, whether or not an endpoint exists there (unknown is not a way around the check).
 * Outside the API (the dashboard's files, health, metrics, the API documentation) only reads are open.
 */
final class RequiredScope {

    private static final Pattern SERVING = Pattern.compile("/api/v1/models/[^/]+/(predict|rank)");
    private static final Pattern TOKENS = Pattern.compile("/api/v1/tokens(/.*)?");

    private RequiredScope() {
    }

    /**
     * @param method the HTTP method
     * @param path   the decoded, normalised path within the application (the servlet path)
     * @return the scope the request needs, or empty when it is open to anyone
     */
    static Optional<TokenScope> of(String method, String path) {
        boolean reading = "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
        if (TOKENS.matcher(path).matches()) {
            return Optional.of(TokenScope.ADMIN);
        }
        if ("POST".equals(method) && SERVING.matcher(path).matches()) {
            return Optional.of(TokenScope.PREDICT);
        }
        if (reading) {
            return path.startsWith("/api/") ? Optional.of(TokenScope.READ) : Optional.empty();
        }
        return Optional.of(TokenScope.WRITE);
    }
}
