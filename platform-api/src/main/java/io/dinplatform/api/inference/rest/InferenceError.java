package io.dinplatform.api.inference.rest;

/** The protocol's error body: {@code {"error": "..."}}. */
public record InferenceError(String error) {
}
