package io.dinplatform.api.inference.rest;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /v2/models/{name}[/versions/{version}]/infer}.
 *
 * @param id         echoed in the response
 * @param parameters {@code explain}: true adds the {@code attention} output
 * @param inputs     one tensor per feature of the model
 * @param outputs    the outputs wanted ({@code score}, {@code attention}); absent: {@code score}
 */
public record RestInferRequest(String id, Map<String, Object> parameters, List<Input> inputs,
                               List<RequestedOutput> outputs) {

    /**
     * @param data the elements, flat in row-major order or nested by dimension: strings for BYTES, numbers otherwise
     */
    public record Input(String name, String datatype, List<Long> shape, Map<String, Object> parameters,
                        JsonNode data) {
    }

    public record RequestedOutput(String name, Map<String, Object> parameters) {
    }
}
