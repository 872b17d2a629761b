package io.dinplatform.api.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dinplatform.api.error.FieldError;
import io.dinplatform.api.error.InvalidRequestException;
import io.dinplatform.api.run.TrainingRunRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A trial's run request: the sweep's base request with the trial's values written at their field paths, bound and
 * checked as {@code POST /api/v1/training-runs} binds and checks a body.
 */
@Component
class TrialRequests {

    /** The parts of a run request a sweep may search; the dataset and the model stay the base's. */
    static final Set<String> SEARCHABLE_ROOTS = Set.of("training", "architecture");

    private final JsonMapper json;
    private final Validator validator;

    TrialRequests(JsonMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /**
     * @throws InvalidRequestException naming {@code space.<path>} for a value the run request cannot take
     */
    TrainingRunRequest of(TrainingRunRequest base, Map<String, JsonNode> values) {
        ObjectNode document = json.valueToTree(base);
        values.forEach((path, value) -> put(document, path, value));
        TrainingRunRequest request;
        try {
            request = json.treeToValue(document, TrainingRunRequest.class);
        } catch (JacksonException e) {
            throw invalid(values.keySet(), "the run request cannot take " + values + ": " + e.getOriginalMessage());
        }
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<TrainingRunRequest> violation : validator.validate(request)) {
            errors.add(new FieldError("space." + violation.getPropertyPath(), violation.getMessage()
                    + " (value " + violation.getInvalidValue() + ")"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors.get(0).field() + ": " + errors.get(0).reason(), errors);
        }
        return request;
    }

    /** Whether a field path names a part of the run request a sweep may search. */
    static boolean searchable(String path) {
        int dot = path.indexOf('.');
        return dot > 0 && dot < path.length() - 1 && SEARCHABLE_ROOTS.contains(path.substring(0, dot))
                && !path.contains("..") && !path.endsWith(".");
    }

    /** The value at a field path ({@code training.optimizer.learningRate}) of a request document; missing if none. */
    static JsonNode valueAt(JsonNode document, String path) {
        return document.at(JsonPointer.compile("/" + path.replace('.', '/')));
    }

    private static void put(ObjectNode document, String path, JsonNode value) {
        String[] names = path.split("\\.");
        ObjectNode node = document;
        for (int i = 0; i < names.length - 1; i++) {
            JsonNode child = node.get(names[i]);
            node = child instanceof ObjectNode object ? object : node.putObject(names[i]);
        }
        node.set(names[names.length - 1], value);
    }

    private static InvalidRequestException invalid(Set<String> paths, String reason) {
        List<FieldError> errors = paths.stream().map(path -> new FieldError("space." + path, reason)).toList();
        return new InvalidRequestException(reason, errors);
    }
}
