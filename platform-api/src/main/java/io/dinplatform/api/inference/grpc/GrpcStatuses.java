package io.dinplatform.api.inference.grpc;

import io.dinplatform.api.inference.InferenceFailure;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** A failure of the serving path as the gRPC status of the same name; bad input is never INTERNAL. */
final class GrpcStatuses {

    /**
     * The description travels in a trailer, which clients bound (grpc-java to 8 KiB of metadata): a message that
     * quotes a client's 100,000-character name would turn the answer into the client's own INTERNAL error.
     */
    private static final int MAX_DESCRIPTION = 1_000;

    private GrpcStatuses() {
    }

    static StatusRuntimeException of(InferenceFailure failure) {
        String message = failure.message();
        if (message != null && message.length() > MAX_DESCRIPTION) {
            message = message.substring(0, MAX_DESCRIPTION) + "... (cut at " + MAX_DESCRIPTION + " characters)";
        }
        return Status.fromCode(Status.Code.valueOf(failure.kind().name())).withDescription(message)
                .asRuntimeException();
    }

    static StatusRuntimeException invalid(String message) {
        return of(InferenceFailure.invalid(message));
    }
}
