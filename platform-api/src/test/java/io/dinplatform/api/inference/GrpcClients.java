package io.dinplatform.api.inference;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.google.protobuf.ByteString;
import io.dinplatform.api.inference.grpc.v2.GRPCInferenceServiceGrpc;
import io.dinplatform.api.inference.grpc.v2.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import io.dinplatform.api.inference.grpc.v2.InferTensorContents;
import io.dinplatform.api.inference.grpc.v2.ModelInferRequest;
import io.dinplatform.api.inference.grpc.v2.ModelInferRequest.InferInputTensor;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;

/** A grpc-java client of the Open Inference Protocol, generated from the server's own proto. */
public final class GrpcClients {

    private GrpcClients() {
    }

    public static ManagedChannel channel(int port) {
        return NettyChannelBuilder.forAddress("localhost", port).usePlaintext().maxInboundMessageSize(64 << 20)
                .build();
    }

    /** A stub that sends {@code authorization: Bearer <token>}, or no authorization when the token is null. */
    public static GRPCInferenceServiceBlockingStub stub(ManagedChannel channel, String token) {
        GRPCInferenceServiceBlockingStub stub = GRPCInferenceServiceGrpc.newBlockingStub(channel);
        if (token == null) {
            return stub;
        }
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** The tensors with typed contents (BYTES as bytes_contents). */
    public static ModelInferRequest.Builder request(String model, String version, List<InferenceTensor> tensors) {
        ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName(model)
                .setModelVersion(version);
        for (InferenceTensor tensor : tensors) {
            InferTensorContents.Builder contents = InferTensorContents.newBuilder();
            tensor.data().forEach(value -> contents.addBytesContents(ByteString.copyFromUtf8((String) value)));
            request.addInputs(InferInputTensor.newBuilder().setName(tensor.name()).setDatatype(tensor.datatype())
                    .addAllShape(tensor.shape()).setContents(contents));
        }
        return request;
    }

    /** The same tensors in raw_input_contents: each element a 4-byte little-endian length and its UTF-8 bytes. */
    public static ModelInferRequest.Builder rawRequest(String model, String version, List<InferenceTensor> tensors) {
        ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName(model)
                .setModelVersion(version);
        for (InferenceTensor tensor : tensors) {
            request.addInputs(InferInputTensor.newBuilder().setName(tensor.name()).setDatatype(tensor.datatype())
                    .addAllShape(tensor.shape()));
            ByteString.Output raw = ByteString.newOutput();
            for (Object value : tensor.data()) {
                byte[] bytes = ((String) value).getBytes(StandardCharsets.UTF_8);
                raw.write(bytes.length);
                raw.write(bytes.length >>> 8);
                raw.write(bytes.length >>> 16);
                raw.write(bytes.length >>> 24);
                raw.write(bytes, 0, bytes.length);
            }
            request.addRawInputContents(raw.toByteString());
        }
        return request;
    }
}
