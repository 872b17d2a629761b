package io.dinplatform.core.schema;

import java.util.List;

/**
 * A feature schema that cannot be used, with every problem found at once (not just the first), each naming the
 * field it concerns, so a user fixes the schema in one round trip.
 */
public class InvalidSchemaException extends RuntimeException {

    private final List<String> problems;

    public InvalidSchemaException(List<String> problems) {
        super("invalid feature schema: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One message per problem, each starting with the field it concerns (e.g. {@code features[2].maxLength}). */
    public List<String> problems() {
        return problems;
    }
}
