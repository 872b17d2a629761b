package io.dinplatform.api.inference.grpc;

import java.util.Set;

import io.dinplatform.api.inference.InferenceFailure;
import io.dinplatform.api.security.BearerTokenCheck;
import io.dinplatform.api.security.Caller;
import io.dinplatform.registry.token.TokenScope;
import io.grpc.Context;
import io.grpc.Contexts;
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

    /** The caller of the call being served, which the model calls check their predict permission for. */
    private static final Context.Key<Caller> CALLER = Context.key("din-caller");

    private final BearerTokenCheck tokens;

    BearerTokenInterceptor(BearerTokenCheck tokens) {
        this.tokens = tokens;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        if (!OPEN.contains(call.getMethodDescriptor().getBareMethodName())) {
            Caller caller;
            try {
                caller = Caller.of(tokens.authorize(headers.get(AUTHORIZATION), TokenScope.PREDICT).orElse(null));
            } catch (RuntimeException refused) {
                StatusRuntimeException status = GrpcStatuses.of(InferenceFailure.of(refused));
                call.close(status.getStatus(), new Metadata());
                return new ServerCall.Listener<>() {
                };
            }
            return Contexts.interceptCall(Context.current().withValue(CALLER, caller), call, headers, next);
        }
        return next.startCall(call, headers);
    }

    /** The caller of the call this thread serves; anonymous where no token was asked for. */
    static Caller caller() {
        Caller caller = CALLER.get();
        return caller == null ? Caller.ANONYMOUS : caller;
    }
}
