package io.dinplatform.api.inference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dinplatform.api.error.InvalidRequestException;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.core.schema.FeatureKind;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;

/**
 * How a model's features are tensors of the Open Inference Protocol, the same in both bindings (N is the number of
 * instances):
 * <ul>
 *   <li>a categorical feature: BYTES, shape [N], one id per instance;</li>
 *   <li>a sequence (a behaviour history): BYTES, shape [N, L], each instance's ids oldest first, padded at the end
 *       with empty strings to the request's longest history L. One element per instance with the ids joined by
 *       {@code |} (the CSV form) is refused: an id may itself contain the separator;</li>
 *   <li>a numeric feature: FP32 (FP64 and the integer types are accepted too), shape [N].</li>
 * </ul>
 * The outputs: {@code score}, FP32 [N], the click probabilities; {@code attention}, FP32 [N, L], DIN models only,
 * when asked for: each instance's attention weights as the v1 predict's {@code explain} gives them, padded at the
 * end with zeros to the longest row.
 */
public final class FeatureTensors {

    public static final String SCORE = "score";
    public static final String ATTENTION = "attention";

    private static final List<Long> BATCH = List.of(-1L);
    private static final List<Long> BATCH_BY_LENGTH = List.of(-1L, -1L);
    private static final Set<String> NUMERIC_DATATYPES = Set.of("FP32", "FP64", "FP16", "INT8", "INT16", "INT32",
            "INT64", "UINT8", "UINT16", "UINT32", "UINT64");

    private FeatureTensors() {
    }

    /** One input per feature of the schema, in the schema's order. */
    public static List<TensorMetadata> inputs(FeatureSchema schema) {
        return schema.features().stream().map(FeatureTensors::input).toList();
    }

    /** {@code score}, and {@code attention} for a model that has attention weights. */
    public static List<TensorMetadata> outputs(ModelType type) {
        List<TensorMetadata> outputs = new ArrayList<>();
        outputs.add(new TensorMetadata(SCORE, InferenceTensor.FP32, BATCH));
        if (type == ModelType.DIN) {
            outputs.add(new TensorMetadata(ATTENTION, InferenceTensor.FP32, BATCH_BY_LENGTH));
        }
        return outputs;
    }

    private static TensorMetadata input(FeatureSpec feature) {
        return switch (feature.kind()) {
            case CATEGORICAL -> new TensorMetadata(feature.name(), InferenceTensor.BYTES, BATCH);
            case SEQUENCE -> new TensorMetadata(feature.name(), InferenceTensor.BYTES, BATCH_BY_LENGTH);
            case NUMERIC -> new TensorMetadata(feature.name(), InferenceTensor.FP32, BATCH);
        };
    }

    /**
     * The instances the tensors hold, as the v1 predict takes them (feature name to raw value, histories as lists).
     * Every feature of the model is an input, as every feature is a field of a v1 instance.
     *
     * @param maxInstances the most instances a request may hold ({@code din.serving.max-instances-per-request})
     * @throws InvalidRequestException naming the input and what is wrong with it
     */
    public static List<Map<String, Object>> instances(FeatureSchema schema, List<InferenceTensor> tensors,
                                                      int maxInstances) {
        if (tensors.isEmpty()) {
            throw invalid("inputs", "required: one tensor per feature of the model (" + names(schema) + ")");
        }
        Set<String> seen = new HashSet<>();
        long batch = -1;
        String batchInput = null;
        for (InferenceTensor tensor : tensors) {
            FeatureSpec feature = checkNameAndShape(schema, tensor, seen);
            long rows = tensor.shape().get(0);
            if (batch >= 0 && rows != batch) {
                throw invalid(tensor.name(), "holds " + rows + " instances (shape " + tensor.shape() + ") but input '"
                        + batchInput + "' holds " + batch + "; every input has the same first dimension");
            }
            batch = rows;
            batchInput = tensor.name();
            requireDatatype(feature, tensor);
        }
        if (batch == 0 || batch > maxInstances) {
            throw invalid(batchInput, "holds " + batch + " instances; a request holds 1 to " + maxInstances
                    + " (setting din.serving.max-instances-per-request)");
        }
        for (FeatureSpec feature : schema.features()) {
            if (!seen.contains(feature.name())) {
                throw invalid(feature.name(), "missing: every feature of the model is an input ("
                        + names(schema) + ")");
            }
        }
        List<Map<String, Object>> instances = new ArrayList<>((int) batch);
        for (int i = 0; i < batch; i++) {
            instances.add(new HashMap<>());
        }
        for (InferenceTensor tensor : tensors) {
            FeatureSpec feature = schema.feature(tensor.name()).orElseThrow();
            switch (feature.kind()) {
                case CATEGORICAL -> putIds(tensor, instances);
                case SEQUENCE -> putHistories(tensor, instances);
                case NUMERIC -> putNumbers(tensor, instances);
            }
        }
        return instances;
    }

    private static FeatureSpec checkNameAndShape(FeatureSchema schema, InferenceTensor tensor, Set<String> seen) {
        if (tensor.name() == null || tensor.name().isEmpty()) {
            throw invalid("inputs", "every input needs a name, one of " + names(schema));
        }
        FeatureSpec feature = schema.feature(tensor.name()).orElseThrow(() -> invalid(tensor.name(),
                "the model has no such input; its inputs are " + names(schema)));
        if (!seen.add(tensor.name())) {
            throw invalid(tensor.name(), "given twice");
        }
        List<Long> shape = tensor.shape();
        int rank = feature.kind() == FeatureKind.SEQUENCE ? 2 : 1;
        if (feature.kind() == FeatureKind.SEQUENCE && shape.size() == 1) {
            throw invalid(tensor.name(), "a sequence is a BYTES tensor of shape [N, L], each row an instance's ids "
                    + "oldest first padded at the end with empty strings (shape [2, 3], data [\"i1\", \"i2\", \"\", "
                    + "\"i3\", \"\", \"\"]); one element per instance with the ids joined by '|' is not accepted");
        }
        if (shape.size() != rank) {
            throw invalid(tensor.name(), "shape " + shape + " must have " + rank + " dimension" + (rank == 1 ? "" : "s")
                    + (rank == 1 ? " [N]" : " [N, L]"));
        }
        long elements = 1;
        for (long dimension : shape) {
            if (dimension < 0) {
                throw invalid(tensor.name(), "shape " + shape + " has a negative dimension");
            }
            elements = elements > Integer.MAX_VALUE || dimension > Integer.MAX_VALUE ? Long.MAX_VALUE
                    : elements * dimension;
        }
        int given = tensor.data() == null ? 0 : tensor.data().size();
        if (elements != given) {
            throw invalid(tensor.name(), "shape " + shape + " holds " + (elements == Long.MAX_VALUE ? "too many"
                    : String.valueOf(elements)) + " elements but " + given + " were given");
        }
        return feature;
    }

    private static void requireDatatype(FeatureSpec feature, InferenceTensor tensor) {
        boolean numeric = feature.kind() == FeatureKind.NUMERIC;
        boolean fits = numeric ? NUMERIC_DATATYPES.contains(tensor.datatype())
                : InferenceTensor.BYTES.equals(tensor.datatype());
        if (!fits) {
            throw invalid(tensor.name(), "datatype " + tensor.datatype() + " does not fit a "
                    + feature.kind().name().toLowerCase(java.util.Locale.ROOT) + " feature; send " + (numeric ? "FP32" : "BYTES"));
        }
    }

    private static void putIds(InferenceTensor tensor, List<Map<String, Object>> instances) {
        for (int i = 0; i < instances.size(); i++) {
            instances.get(i).put(tensor.name(), string(tensor, i));
        }
    }

    private static void putHistories(InferenceTensor tensor, List<Map<String, Object>> instances) {
        int length = Math.toIntExact(tensor.shape().get(1));
        for (int i = 0; i < instances.size(); i++) {
            List<String> history = new ArrayList<>(length);
            for (int t = 0; t < length; t++) {
                String id = string(tensor, i * length + t);
                if (id.isEmpty()) {
                    requirePaddingToTheEnd(tensor, i, t, length);
                    break;
                }
                history.add(id);
            }
            instances.get(i).put(tensor.name(), history);
        }
    }

    private static void requirePaddingToTheEnd(InferenceTensor tensor, int row, int first, int length) {
        for (int t = first + 1; t < length; t++) {
            if (!string(tensor, row * length + t).isEmpty()) {
                throw invalid(tensor.name(), "row " + row + " has an id after an empty string at position " + first
                        + "; padding goes at the end of a row only");
            }
        }
    }

    private static void putNumbers(InferenceTensor tensor, List<Map<String, Object>> instances) {
        for (int i = 0; i < instances.size(); i++) {
            if (!(tensor.data().get(i) instanceof Number number)) {
                throw invalid(tensor.name(), "element " + i + " is not a number");
            }
            instances.get(i).put(tensor.name(), number);
        }
    }

    private static String string(InferenceTensor tensor, int index) {
        if (!(tensor.data().get(index) instanceof String text)) {
            throw invalid(tensor.name(), "element " + index + " is not a string (BYTES elements are strings)");
        }
        return text;
    }

    private static String names(FeatureSchema schema) {
        return String.join(", ", schema.features().stream().map(FeatureSpec::name).toList());
    }

    private static InvalidRequestException invalid(String input, String reason) {
        return new InvalidRequestException("input '" + input + "': " + reason);
    }
}
