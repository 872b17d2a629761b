package io.dinplatform.core.schema;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A feature schema that cannot be used, with every problem found at once (not just the first), each naming the
 * field it concerns, so a user fixes the schema in one round trip.
 */
public class InvalidSchemaException extends RuntimeException {

    private final List<SchemaProblem> problems;

    public InvalidSchemaException(List<SchemaProblem> problems) {
        super(problems.stream().map(SchemaProblem::toString)
                .collect(Collectors.joining("; ", "invalid feature schema: ", "")));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, each with the field it concerns (e.g. {@code features[2].maxLength}). */
    public List<SchemaProblem> problems() {
        return problems;
    }
}
