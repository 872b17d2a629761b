package io.dinplatform.api.inference;

import java.util.List;

/**
 * An inference request in either binding.
 *
 * @param id               echoed in the response; may be null
 * @param inputs           one tensor per feature of the model
 * @param requestedOutputs the outputs asked for by name; empty means {@code score} alone
 * @param explain          the request parameter {@code explain}: add the {@code attention} output
 */
public record InferenceRequest(String id, List<InferenceTensor> inputs, List<String> requestedOutputs,
                               boolean explain) {

    public InferenceRequest {
        inputs = inputs == null ? List.of() : inputs;
        requestedOutputs = requestedOutputs == null ? List.of() : requestedOutputs;
    }
}
