package io.dinplatform.api.error;

import java.util.Arrays;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns a JSON body that could not be read into a message a client can act on: the field's path in the document
 * and what was wrong, without the server's Java type names.
 */
public final class UnreadableJson {

    private UnreadableJson() {
    }

    public static FieldError describe(JacksonException e) {
        String field = path(e);
        if (e instanceof StreamReadException) {
            return new FieldError(field, "not valid JSON: " + e.getOriginalMessage());
        }
        if (e instanceof PropertyBindingException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : " (known: " + unknown.getKnownPropertyIds()
                    .stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
            return new FieldError(field, "unknown property" + known);
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            return new FieldError(field, "'" + invalid.getValue() + "' is not one of "
                    + Arrays.toString(invalid.getTargetType().getEnumConstants()));
        }
        if (e instanceof InvalidFormatException invalid) {
            return new FieldError(field, "'" + invalid.getValue() + "' is not a valid " + typeName(invalid));
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return new FieldError(field, e.getCause().getMessage());
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return new FieldError(field, "expected " + typeName(mismatch));
        }
        return new FieldError(field, e.getOriginalMessage());
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String typeName(MismatchedInputException e) {
        Class<?> type = e.getTargetType();
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        return "an object";
    }
}
