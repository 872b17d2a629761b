package io.dinplatform.api.inference.grpc;

import io.dinplatform.api.inference.InferenceFailure;
import io.dinplatform.api.inference.InferenceService;
import io.dinplatform.api.inference.ModelMetadata;
import io.dinplatform.api.inference.ServerMetadata;
import io.dinplatform.api.inference.TensorMetadata;
import io.dinplatform.api.inference.grpc.v2.GRPCInferenceServiceGrpc;
import io.dinplatform.api.inference.grpc.v2.ModelInferRequest;
import io.dinplatform.api.inference.grpc.v2.ModelInferResponse;
import io.dinplatform.api.inference.grpc.v2.ModelMetadataRequest;
import io.dinplatform.api.inference.grpc.v2.ModelMetadataResponse;
import io.dinplatform.api.inference.grpc.v2.ModelReadyRequest;
import io.dinplatform.api.inference.grpc.v2.ModelReadyResponse;
import io.dinplatform.api.inference.grpc.v2.ServerLiveRequest;
import io.dinplatform.api.inference.grpc.v2.ServerLiveResponse;
import io.dinplatform.api.inference.grpc.v2.ServerMetadataRequest;
import io.dinplatform.api.inference.grpc.v2.ServerMetadataResponse;
import io.dinplatform.api.inference.grpc.v2.ServerReadyRequest;
import io.dinplatform.api.inference.grpc.v2.ServerReadyResponse;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code inference.GRPCInferenceService} over {@link InferenceService}: the same operations, limits and scores as
 * the REST binding, with failures as gRPC status codes ({@link InferenceFailure}).
 */
class GrpcInferenceService extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {

    private static final Logger log = LoggerFactory.getLogger(GrpcInferenceService.class);

    private final InferenceService inference;

    GrpcInferenceService(InferenceService inference) {
        this.inference = inference;
    }

    @Override
    public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> answer) {
        answer(answer, () -> ServerLiveResponse.newBuilder().setLive(inference.live()).build());
    }

    @Override
    public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> answer) {
        answer(answer, () -> ServerReadyResponse.newBuilder().setReady(inference.ready()).build());
    }

    @Override
    public void serverMetadata(ServerMetadataRequest request, StreamObserver<ServerMetadataResponse> answer) {
        answer(answer, () -> {
            ServerMetadata server = inference.serverMetadata();
            return ServerMetadataResponse.newBuilder().setName(server.name()).setVersion(server.version())
                    .addAllExtensions(server.extensions()).build();
        });
    }

    @Override
    public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> answer) {
        answer(answer, () -> ModelReadyResponse.newBuilder()
                .setReady(inference.modelReady(BearerTokenInterceptor.caller(), request.getName(), request.getVersion())).build());
    }

    @Override
    public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> answer) {
        answer(answer, () -> {
            ModelMetadata model = inference.modelMetadata(BearerTokenInterceptor.caller(), request.getName(), request.getVersion());
            ModelMetadataResponse.Builder metadata = ModelMetadataResponse.newBuilder().setName(model.name())
                    .addAllVersions(model.versions()).setPlatform(model.platform());
            model.inputs().forEach(input -> metadata.addInputs(tensor(input)));
            model.outputs().forEach(output -> metadata.addOutputs(tensor(output)));
            return metadata.build();
        });
    }

    @Override
    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> answer) {
        answer(answer, () -> GrpcTensors.response(inference.infer(BearerTokenInterceptor.caller(), request.getModelName(),
                request.getModelVersion(), GrpcTensors.request(request))));
    }

    private static ModelMetadataResponse.TensorMetadata tensor(TensorMetadata tensor) {
        return ModelMetadataResponse.TensorMetadata.newBuilder().setName(tensor.name())
                .setDatatype(tensor.datatype()).addAllShape(tensor.shape()).build();
    }

    /** A call whose client is gone (cancelled, past its deadline) is not worked on. */
    private static <R> void answer(StreamObserver<R> answer, Call<R> call) {
        if (Context.current().isCancelled()) {
            answer.onError(Status.CANCELLED.withDescription("the call was cancelled before it was served")
                    .asRuntimeException());
            return;
        }
        R response;
        try {
            response = call.run();
        } catch (Exception e) {
            InferenceFailure failure = InferenceFailure.of(e);
            if (failure.kind() == InferenceFailure.Kind.INTERNAL) {
                log.error("Unexpected error while serving an inference call", e);
            }
            answer.onError(GrpcStatuses.of(failure));
            return;
        }
        answer.onNext(response);
        answer.onCompleted();
    }

    @FunctionalInterface
    private interface Call<R> {
        R run() throws Exception;
    }
}
