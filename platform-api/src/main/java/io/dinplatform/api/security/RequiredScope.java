package io.dinplatform.api.security;

import java.util.Optional;
import java.util.regex.Pattern;

import io.dinplatform.registry.token.TokenScope;

/**
 * The scope a request needs, from its method and path. Everything under {@code /api/} needs one: tokens need
 * {@code admin}, predictions and rankings {@code predict} (and so does click feedback on what they served: the
 * service that shows the predictions is the one that sees the clicks), other reads {@code read}, and anything else that may
 * change state {@code write}, whether or not an endpoint exists there (unknown is not a way around the check).
 * The Open Inference Protocol's model endpoints ({@code /v2/models/...}: metadata, readiness, infer) need
 * {@code predict}, the scope its clients hold; its server health and metadata ({@code /v2}, {@code /v2/health/...})
 * are open to reads like the actuator's health.
 * Outside the API (the dashboard's files, health, metrics, the API documentation) only reads are open.
 */
final class RequiredScope {

    private static final Pattern SERVING = Pattern.compile("/api/v1/models/[^/]+/(predict|rank)");
    private static final String FEEDBACK = "/api/v1/feedback";
    private static final String INFERENCE_MODELS = "/v2/models/";
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
        if ("POST".equals(method) && (SERVING.matcher(path).matches() || FEEDBACK.equals(path))) {
            return Optional.of(TokenScope.PREDICT);
        }
        if ((reading || "POST".equals(method)) && path.startsWith(INFERENCE_MODELS)) {
            return Optional.of(TokenScope.PREDICT);
        }
        if (reading) {
            return path.startsWith("/api/") ? Optional.of(TokenScope.READ) : Optional.empty();
        }
        return Optional.of(TokenScope.WRITE);
    }
}
