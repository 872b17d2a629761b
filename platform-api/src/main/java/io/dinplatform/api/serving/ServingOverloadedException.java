package io.dinplatform.api.serving;

import java.net.URI;
import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 429: a model version's queue is full; the client should retry after a moment, as {@code Retry-After} says. */
public class ServingOverloadedException extends ErrorResponseException {

    public static final URI TYPE = URI.create("/problems/overloaded");

    public ServingOverloadedException(String detail, Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, problem(detail, retryAfter), null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds(retryAfter)));
    }

    private static ProblemDetail problem(String detail, Duration retryAfter) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                detail + "; retry in " + seconds(retryAfter) + " s");
        problem.setTitle("Too many requests");
        problem.setType(TYPE);
        return problem;
    }

    /** Retry-After counts whole seconds; a shorter pause still says 1. */
    private static long seconds(Duration retryAfter) {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
