package io.dinplatform.api.inference.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dinplatform.api.inference.InferenceResponse;
import io.dinplatform.api.inference.InferenceTensor;

/** The answer to an infer request, with the protocol's field names. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RestInferResponse(@JsonProperty("model_name") String modelName,
                                @JsonProperty("model_version") String modelVersion,
                                String id,
                                List<InferenceTensor> outputs) {

    static RestInferResponse of(InferenceResponse response) {
        return new RestInferResponse(response.modelName(), response.modelVersion(), response.id(),
                response.outputs());
    }
}
