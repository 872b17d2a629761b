package io.dinplatform.api.inference.grpc;

import java.util.Set;

import io.dinplatform.api.inference.InferenceFailure;
import io.dinplatform.api.security.BearerTokenCheck;
import io.dinplatform.registry.token.TokenScope;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;

/**
 * The REST API's token check for gRPC: the model calls (metadata, readiness, infer) need a token with the
 * {@code predict} scope in the {@code authorization} metadata ({@code Bearer <token>}), as {@code /v2/models/...}
 * does; the server's liveness, readiness and metadata are open. A refused call is closed before its message is read.
 */
class BearerTokenInterceptor implements ServerInterceptor {

    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private static final Set<String> OPEN = Set.of("ServerLive", "ServerReady", "ServerMetadata");

    private final BearerTokenCheck tokens;

    BearerTokenInterceptor(BearerTokenCheck tokens) {
        this.tokens = tokens;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        if (!OPEN.contains(call.getMethodDescriptor().getBareMethodName())) {
            try {
                tokens.authorize(headers.get(AUTHORIZATION), TokenScope.PREDICT);
            } catch (RuntimeException refused) {
                StatusRuntimeException status = GrpcStatuses.of(InferenceFailure.of(refused));
                call.close(status.getStatus(), new Metadata());
                return new ServerCall.Listener<>() {
                };
            }
        }
        return next.startCall(call, headers);
    }
}
