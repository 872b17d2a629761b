package io.dinplatform.api.inference;

import java.util.List;

/**
 * The answer to an inference request.
 *
 * @param modelVersion the version that scored it (an alias in the request is resolved)
 * @param id           the request's id, or null
 * @param outputs      {@code score} and, when asked for, {@code attention}
 */
public record InferenceResponse(String modelName, String modelVersion, String id, List<InferenceTensor> outputs) {
}
