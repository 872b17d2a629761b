package io.dinplatform.api.inference;

import java.util.Optional;

import io.dinplatform.api.serving.cache.CorruptBundleException;
import io.dinplatform.registry.artifact.ArtifactIntegrityException;
import io.dinplatform.registry.artifact.ArtifactStoreUnavailableException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.ErrorResponse;

/**
 * Why an inference request failed, in terms both bindings translate: REST into an HTTP status with the protocol's
 * {@code {"error": "..."}} body, gRPC into a status code. Bad input is never {@link Kind#INTERNAL}.
 *
 * @param httpStatus the status the REST binding answers (the kind's, or Spring's own such as 415)
 * @param message    what went wrong, for the client
 * @param retryAfter for {@link Kind#RESOURCE_EXHAUSTED}: the seconds the server suggests waiting
 */
public record InferenceFailure(Kind kind, int httpStatus, String message, Optional<String> retryAfter) {

    /** The kinds of failure, each with its HTTP status. */
    public enum Kind {
        INVALID_ARGUMENT(400),
        UNAUTHENTICATED(401),
        PERMISSION_DENIED(403),
        NOT_FOUND(404),
        RESOURCE_EXHAUSTED(429),
        INTERNAL(500),
        UNAVAILABLE(503);

        private final int httpStatus;

        Kind(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }

        static Kind ofHttpStatus(int status) {
            for (Kind kind : values()) {
                if (kind.httpStatus == status) {
                    return kind;
                }
            }
            return status == 413 || status / 100 == 4 ? INVALID_ARGUMENT : INTERNAL;
        }
    }

    public static final String INTERNAL_MESSAGE = "The server failed to complete the request; the error is in its log.";

    /** Bad input found by a binding itself (an unreadable body, a malformed tensor). */
    public static InferenceFailure invalid(String message) {
        return new InferenceFailure(Kind.INVALID_ARGUMENT, 400, message, Optional.empty());
    }

    /** The failure an exception of the serving path stands for. */
    public static InferenceFailure of(Throwable e) {
        if (e instanceof CorruptBundleException corrupt) {
            return new InferenceFailure(Kind.UNAVAILABLE, 503, corrupt.getMessage()
                    + "; it was not used. Repair the artifact or serve another version.", Optional.empty());
        }
        // the platform's refusals (400, 401, 403, 404, 413, 429 with Retry-After, 503) and Spring's carry a status
        if (e instanceof ErrorResponse response) {
            int status = response.getStatusCode().value();
            String detail = response.getBody().getDetail();
            return new InferenceFailure(Kind.ofHttpStatus(status), status,
                    detail != null ? detail : String.valueOf(response.getBody().getTitle()),
                    Optional.ofNullable(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)));
        }
        if (e instanceof ArtifactIntegrityException || e instanceof ArtifactStoreUnavailableException) {
            return new InferenceFailure(Kind.UNAVAILABLE, 503, e.getMessage(), Optional.empty());
        }
        if (e instanceof DataAccessException) {
            return new InferenceFailure(Kind.UNAVAILABLE, 503,
                    "The catalog database is unreachable; retry in a moment.", Optional.empty());
        }
        return new InferenceFailure(Kind.INTERNAL, 500, INTERNAL_MESSAGE, Optional.empty());
    }
}
