package io.dinplatform.core.schema;

/**
 * One rule a feature schema breaks: the field it concerns and what is wrong with it, kept apart so that a caller
 * (the REST API's problem details, a log line) never has to take a message apart to find the field.
 *
 * @param field  the field's path in the schema JSON, e.g. {@code label} or {@code features[2].maxLength}
 * @param reason what is wrong with it, e.g. {@code required for a SEQUENCE (1..1000)}
 */
public record SchemaProblem(String field, String reason) {

    /** {@code field: reason}, the form in which the problems join into the exception's message. */
    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
