package io.dinplatform.api.inference.rest;

import io.dinplatform.api.error.FieldError;
import io.dinplatform.api.error.UnreadableJson;
import io.dinplatform.api.inference.InferenceFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.core.JacksonException;

/**
 * The errors of the v2 endpoints in the protocol's form, {@code {"error": "..."}}, with the status the failure
 * calls for (see {@link InferenceFailure}); first, before the API's problem details. Requests refused before they
 * reach an endpoint (a missing token, an oversized body) are answered as the rest of the API answers them.
 */
@RestControllerAdvice(assignableTypes = InferenceRestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class InferenceErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(InferenceErrorHandler.class);

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<InferenceError> unreadable(HttpMessageNotReadableException e) {
        FieldError error = e.getMostSpecificCause() instanceof JacksonException jackson
                ? UnreadableJson.describe(jackson)
                : new FieldError("body", "missing or unreadable request body");
        return answer(InferenceFailure.invalid(error.field() + ": " + error.reason()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<InferenceError> failed(Exception e) {
        InferenceFailure failure = InferenceFailure.of(e);
        if (failure.kind() == InferenceFailure.Kind.INTERNAL) {
            log.error("Unexpected error while serving an inference request", e);
        } else if (failure.kind() == InferenceFailure.Kind.UNAVAILABLE) {
            log.warn("Inference request refused: {}", failure.message());
        }
        return answer(failure);
    }

    private static ResponseEntity<InferenceError> answer(InferenceFailure failure) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(failure.httpStatus())
                .contentType(MediaType.APPLICATION_JSON);
        failure.retryAfter().ifPresent(seconds -> response.header(HttpHeaders.RETRY_AFTER, seconds));
        return response.body(new InferenceError(failure.message()));
    }
}
