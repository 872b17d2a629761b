package io.dinplatform.api.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import io.dinplatform.api.inference.grpc.v2.InferTensorContents;
import io.dinplatform.api.inference.grpc.v2.ModelInferRequest;
import io.dinplatform.api.inference.grpc.v2.ModelInferRequest.InferInputTensor;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;
import tools.jackson.databind.json.JsonMapper;

/** One instance as an Open Inference Protocol request: a REST v2 JSON body, or a gRPC ModelInferRequest. */
final class InferenceBodies {

    private InferenceBodies() {
    }

    static String rest(FeatureSchema schema, Map<String, Object> instance) {
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (FeatureSpec feature : schema.features()) {
            Map<String, Object> tensor = new LinkedHashMap<>();
            tensor.put("name", feature.name());
            List<Object> data = data(feature, instance);
            switch (feature.kind()) {
                case CATEGORICAL -> tensor.putAll(Map.of("datatype", "BYTES", "shape", List.of(1)));
                case SEQUENCE -> tensor.putAll(Map.of("datatype", "BYTES", "shape", List.of(1, data.size())));
                case NUMERIC -> tensor.putAll(Map.of("datatype", "FP32", "shape", List.of(1)));
            }
            tensor.put("data", data);
            inputs.add(tensor);
        }
        return JsonMapper.shared().writeValueAsString(Map.of("inputs", inputs));
    }

    static ModelInferRequest grpc(String model, FeatureSchema schema, Map<String, Object> instance) {
        ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName(model);
        for (FeatureSpec feature : schema.features()) {
            List<Object> data = data(feature, instance);
            InferInputTensor.Builder tensor = InferInputTensor.newBuilder().setName(feature.name()).addShape(1);
            InferTensorContents.Builder contents = InferTensorContents.newBuilder();
            if (feature.kind() == io.dinplatform.core.schema.FeatureKind.NUMERIC) {
                tensor.setDatatype("FP32");
                data.forEach(value -> contents.addFp32Contents(((Number) value).floatValue()));
            } else {
                tensor.setDatatype("BYTES");
                data.forEach(value -> contents.addBytesContents(ByteString.copyFromUtf8((String) value)));
                if (feature.kind() == io.dinplatform.core.schema.FeatureKind.SEQUENCE) {
                    tensor.addShape(data.size());
                }
            }
            request.addInputs(tensor.setContents(contents));
        }
        return request.build();
    }

    private static List<Object> data(FeatureSpec feature, Map<String, Object> instance) {
        Object value = instance.get(feature.name());
        return value instanceof List<?> history ? new ArrayList<>(history) : new ArrayList<>(List.of(value));
    }
}
