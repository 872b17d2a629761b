package io.dinplatform.api.inference.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.dinplatform.api.error.InvalidRequestException;
import io.dinplatform.api.inference.InferenceRequest;
import io.dinplatform.api.inference.InferenceTensor;
import tools.jackson.databind.JsonNode;

/** A JSON infer request as the protocol-neutral {@link InferenceRequest}. */
final class JsonTensors {

    private JsonTensors() {
    }

    static InferenceRequest request(RestInferRequest body) {
        List<InferenceTensor> inputs = new ArrayList<>();
        if (body.inputs() != null) {
            for (int i = 0; i < body.inputs().size(); i++) {
                inputs.add(input(i, body.inputs().get(i)));
            }
        }
        List<String> outputs = body.outputs() == null ? List.of()
                : body.outputs().stream().map(o -> o == null ? null : o.name()).toList();
        return new InferenceRequest(body.id(), inputs, outputs, explain(body.parameters()));
    }

    private static InferenceTensor input(int index, RestInferRequest.Input input) {
        if (input == null) {
            throw new InvalidRequestException("inputs[" + index + "]: expected a tensor, got null");
        }
        if (input.shape() == null || input.shape().contains(null)) {
            throw new InvalidRequestException("input '" + input.name() + "': shape is required, e.g. [2]");
        }
        List<Object> elements = new ArrayList<>();
        flatten(input, input.data(), elements);
        return new InferenceTensor(input.name(), input.datatype(), input.shape(), elements);
    }

    /** Flat or nested by dimension: both are the row-major order of the elements. */
    private static void flatten(RestInferRequest.Input input, JsonNode node, List<Object> elements) {
        if (node == null || node.isNull()) {
            throw new InvalidRequestException("input '" + input.name() + "': data is required");
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (element.isArray()) {
                    flatten(input, element, elements);
                } else {
                    // anything else (true, an object) stays a node, which no datatype accepts
                    elements.add(element.isString() ? element.asString()
                            : element.isNumber() ? element.numberValue()
                            : element);
                }
            }
            return;
        }
        throw new InvalidRequestException("input '" + input.name() + "': data must be an array");
    }

    private static boolean explain(Map<String, Object> parameters) {
        Object explain = parameters == null ? null : parameters.get("explain");
        if (explain == null || explain instanceof Boolean) {
            return Boolean.TRUE.equals(explain);
        }
        throw new InvalidRequestException("parameters.explain: expected true or false, got " + explain);
    }
}
