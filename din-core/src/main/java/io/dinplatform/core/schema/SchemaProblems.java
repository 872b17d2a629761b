package io.dinplatform.core.schema;

import java.util.ArrayList;
import java.util.List;

/** The problems found in one schema, collected in order while every rule is checked. */
final class SchemaProblems {

    private final List<SchemaProblem> found = new ArrayList<>();

    void add(String field, String reason) {
        found.add(new SchemaProblem(field, reason));
    }

    List<SchemaProblem> list() {
        return List.copyOf(found);
    }

    /** Throws {@link InvalidSchemaException} with every problem collected, if there is any. */
    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidSchemaException(found);
        }
    }
}
