package io.dinplatform.api.inference.grpc;

import io.dinplatform.api.inference.InferenceFailure;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** A failure of the serving path as the gRPC status of the same name; bad input is never INTERNAL. */
final class GrpcStatuses {

    private GrpcStatuses() {
    }

    static StatusRuntimeException of(InferenceFailure failure) {
        return Status.fromCode(Status.Code.valueOf(failure.kind().name())).withDescription(failure.message())
                .asRuntimeException();
    }

    static StatusRuntimeException invalid(String message) {
        return of(InferenceFailure.invalid(message));
    }
}
