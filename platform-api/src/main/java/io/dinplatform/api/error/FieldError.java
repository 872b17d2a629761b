package io.dinplatform.api.error;

/**
 * One problem with one field of a request, in a problem's {@code errors} array.
 *
 * @param field  the field's path, e.g. {@code training.batchSize} or {@code features[2].maxLength}
 * @param reason what is wrong with it
 */
public record FieldError(String field, String reason) {

    /** Splits a message of the form {@code field: reason}, as din-core's validators write them. */
    public static FieldError fromMessage(String message) {
        int colon = message.indexOf(": ");
        return colon < 0 ? new FieldError(null, message)
                : new FieldError(message.substring(0, colon), message.substring(colon + 2));
    }
}
