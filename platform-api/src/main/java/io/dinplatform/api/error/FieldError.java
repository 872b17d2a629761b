package io.dinplatform.api.error;

/**
 * One problem with one field of a request, in a problem's {@code errors} array.
 *
 * @param field  the field's path, e.g. {@code training.batchSize} or {@code features[2].maxLength}
 * @param reason what is wrong with it
 */
public record FieldError(String field, String reason) {
}
