package io.dinplatform.api.inference.grpc;

import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.ByteString;
import io.dinplatform.api.error.InvalidRequestException;
import io.dinplatform.api.inference.InferenceRequest;
import io.dinplatform.api.inference.InferenceResponse;
import io.dinplatform.api.inference.InferenceTensor;
import io.dinplatform.api.inference.grpc.v2.InferParameter;
import io.dinplatform.api.inference.grpc.v2.InferTensorContents;
import io.dinplatform.api.inference.grpc.v2.ModelInferRequest;
import io.dinplatform.api.inference.grpc.v2.ModelInferRequest.InferInputTensor;
import io.dinplatform.api.inference.grpc.v2.ModelInferResponse;
import io.dinplatform.api.inference.grpc.v2.ModelInferResponse.InferOutputTensor;

/**
 * Protocol buffer tensors as the protocol-neutral {@link InferenceTensor}s and back. An input's elements come from
 * the typed field of its datatype or, for every input at once, from {@code raw_input_contents}: little-endian
 * numbers, and BYTES elements each preceded by its length as a 4-byte little-endian integer (the protocol's
 * binary form, as Triton's and KServe's clients write it).
 */
final class GrpcTensors {

    private static final String EXPLAIN = "explain";

    private GrpcTensors() {
    }

    static InferenceRequest request(ModelInferRequest request) {
        int raw = request.getRawInputContentsCount();
        if (raw > 0 && raw != request.getInputsCount()) {
            throw invalid("raw_input_contents", "holds " + raw + " entries for " + request.getInputsCount()
                    + " inputs; give one per input, in the order of inputs");
        }
        List<InferenceTensor> inputs = new ArrayList<>(request.getInputsCount());
        for (int i = 0; i < request.getInputsCount(); i++) {
            InferInputTensor input = request.getInputs(i);
            if (raw > 0 && input.hasContents()) {
                throw invalid(input.getName(), "has contents while raw_input_contents is given; use one or the "
                        + "other");
            }
            List<?> data = raw > 0 ? raw(input, request.getRawInputContents(i)) : typed(input);
            inputs.add(new InferenceTensor(input.getName(), input.getDatatype(), input.getShapeList(), data));
        }
        List<String> outputs = request.getOutputsList().stream()
                .map(ModelInferRequest.InferRequestedOutputTensor::getName).toList();
        String id = request.getId().isEmpty() ? null : request.getId();
        return new InferenceRequest(id, inputs, outputs, explain(request));
    }

    static ModelInferResponse response(InferenceResponse response) {
        ModelInferResponse.Builder answer = ModelInferResponse.newBuilder()
                .setModelName(response.modelName())
                .setModelVersion(response.modelVersion());
        if (response.id() != null) {
            answer.setId(response.id());
        }
        for (InferenceTensor output : response.outputs()) {
            InferTensorContents.Builder contents = InferTensorContents.newBuilder();
            output.data().forEach(value -> contents.addFp32Contents(((Number) value).floatValue()));
            answer.addOutputs(InferOutputTensor.newBuilder().setName(output.name()).setDatatype(output.datatype())
                    .addAllShape(output.shape()).setContents(contents));
        }
        return answer.build();
    }

    private static boolean explain(ModelInferRequest request) {
        InferParameter explain = request.getParametersMap().get(EXPLAIN);
        if (explain == null) {
            return false;
        }
        if (explain.getParameterChoiceCase() != InferParameter.ParameterChoiceCase.BOOL_PARAM) {
            throw invalid("parameters.explain", "expected bool_param, got " + explain.getParameterChoiceCase());
        }
        return explain.getBoolParam();
    }

    private static List<?> typed(InferInputTensor input) {
        InferTensorContents contents = input.getContents();
        return switch (input.getDatatype()) {
            case InferenceTensor.BYTES -> strings(input.getName(), contents.getBytesContentsList());
            case "FP32" -> contents.getFp32ContentsList();
            case "FP64" -> contents.getFp64ContentsList();
            case "INT8", "INT16", "INT32" -> contents.getIntContentsList();
            case "INT64" -> contents.getInt64ContentsList();
            case "UINT8", "UINT16", "UINT32" ->
                    contents.getUintContentsList().stream().map(Integer::toUnsignedLong).toList();
            case "UINT64" -> contents.getUint64ContentsList().stream()
                    .map(v -> new BigInteger(Long.toUnsignedString(v))).toList();
            case "BOOL" -> contents.getBoolContentsList();
            default -> throw unknownDatatype(input);
        };
    }

    private static List<String> strings(String input, List<ByteString> elements) {
        List<String> strings = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            strings.add(utf8(input, i, elements.get(i).asReadOnlyByteBuffer()));
        }
        return strings;
    }

    private static List<?> raw(InferInputTensor input, ByteString bytes) {
        ByteBuffer buffer = bytes.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        int width = switch (input.getDatatype()) {
            case InferenceTensor.BYTES -> 0;
            case "INT8", "UINT8", "BOOL" -> 1;
            case "INT16", "UINT16", "FP16" -> 2;
            case "INT32", "UINT32", "FP32" -> 4;
            case "INT64", "UINT64", "FP64" -> 8;
            default -> throw unknownDatatype(input);
        };
        if (width == 0) {
            return rawStrings(input.getName(), buffer);
        }
        if (buffer.remaining() % width != 0) {
            throw invalid(input.getName(), "raw contents of " + buffer.remaining() + " bytes are not a whole number "
                    + "of " + input.getDatatype() + " elements (" + width + " bytes each)");
        }
        List<Number> numbers = new ArrayList<>(buffer.remaining() / width);
        while (buffer.hasRemaining()) {
            numbers.add(switch (input.getDatatype()) {
                case "INT8", "UINT8", "BOOL" -> buffer.get();
                case "INT16", "UINT16", "FP16" -> buffer.getShort();
                case "INT32", "UINT32" -> buffer.getInt();
                case "FP32" -> buffer.getFloat();
                case "FP64" -> buffer.getDouble();
                default -> buffer.getLong();
            });
        }
        return numbers;
    }

    private static List<String> rawStrings(String input, ByteBuffer buffer) {
        List<String> strings = new ArrayList<>();
        try {
            while (buffer.hasRemaining()) {
                int length = buffer.getInt();
                if (length < 0 || length > buffer.remaining()) {
                    throw invalid(input, "raw BYTES element " + strings.size() + " declares " + length
                            + " bytes but " + buffer.remaining() + " remain");
                }
                ByteBuffer element = buffer.slice(buffer.position(), length);
                buffer.position(buffer.position() + length);
                strings.add(utf8(input, strings.size(), element));
            }
        } catch (BufferUnderflowException e) {
            throw invalid(input, "raw BYTES element " + strings.size() + " is cut short: each element is a 4-byte "
                    + "little-endian length and that many bytes");
        }
        return strings;
    }

    private static String utf8(String input, int index, ByteBuffer bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw invalid(input, "element " + index + " is not valid UTF-8");
        }
    }

    private static InvalidRequestException unknownDatatype(InferInputTensor input) {
        return invalid(input.getName(), "datatype '" + input.getDatatype() + "' is not one of the protocol's "
                + "(BYTES, FP32, INT64...)");
    }

    private static InvalidRequestException invalid(String input, String reason) {
        return new InvalidRequestException("input '" + input + "': " + reason);
    }
}
