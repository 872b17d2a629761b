package io.dinplatform.api.inference;

import java.util.List;

/**
 * What a model version takes and gives.
 *
 * @param versions the version that answered (the one a request with the same version segment is scored by now)
 * @param platform how the model is run
 */
public record ModelMetadata(String name, List<String> versions, String platform, List<TensorMetadata> inputs,
                            List<TensorMetadata> outputs) {
}
