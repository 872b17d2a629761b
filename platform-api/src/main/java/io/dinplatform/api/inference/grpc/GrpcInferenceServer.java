package io.dinplatform.api.inference.grpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.dinplatform.api.inference.grpc.v2.GRPCInferenceServiceGrpc;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The gRPC server: started with the application once its beans are ready, stopped before them, so that calls in
 * flight finish (within {@code din.grpc.shutdown-timeout}) while the model cache still serves. Besides the
 * inference service it runs gRPC's own health service, which reports SERVING while the server runs.
 *
 * <p>Calls run on a pool of its own, bounded by {@code din.grpc.handler-threads}: grpc-java's default executor is an
 * unbounded cached pool, and an inference call blocks its thread until its forward pass is done, so a burst of calls
 * would become a burst of threads.
 */
public class GrpcInferenceServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GrpcInferenceServer.class);

    private final GrpcProperties properties;
    private final BindableService inference;
    private final BearerTokenInterceptor tokens;
    private final int maxMessageBytes;
    /** A new one per start: once a stop has put it in its terminal state, it answers NOT_SERVING for good. */
    private HealthStatusManager health;
    private volatile Server server;
    private ExecutorService calls;

    GrpcInferenceServer(GrpcProperties properties, BindableService inference, BearerTokenInterceptor tokens,
                        int maxMessageBytes) {
        this.properties = properties;
        this.inference = inference;
        this.tokens = tokens;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            return;
        }
        health = new HealthStatusManager();
        calls = callThreads(properties.handlerThreads(), properties.port());
        Server started = NettyServerBuilder.forPort(properties.port())
                .executor(calls)
                .maxConcurrentCallsPerConnection(properties.maxConcurrentCallsPerConnection())
                .addService(ServerInterceptors.intercept(inference, tokens))
                .addService(health.getHealthService())
                .maxInboundMessageSize(maxMessageBytes)
                .build();
        try {
            started.start();
        } catch (IOException e) {
            calls.shutdownNow();
            throw new UncheckedIOException("The gRPC server cannot listen on port " + properties.port()
                    + " (din.grpc.port)", e);
        }
        health.setStatus("", ServingStatus.SERVING);
        health.setStatus(GRPCInferenceServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
        server = started;
        log.info("Open Inference Protocol over gRPC on port {}", started.getPort());
    }

    @Override
    public void stop() {
        Server running = server;
        if (running == null) {
            return;
        }
        health.enterTerminalState();
        running.shutdown();
        try {
            if (!running.awaitTermination(properties.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                running.shutdownNow();
            }
        } catch (InterruptedException e) {
            running.shutdownNow();
            Thread.currentThread().interrupt();
        }
        // The server has ended its calls (or cancelled them), so nothing is left for the pool to run.
        calls.shutdownNow();
        server = null;
    }

    /**
     * A fixed number of threads at most, started as calls need them, each ending after a minute idle; named after the
     * port, so that a thread dump tells two servers of one JVM apart.
     */
    private static ExecutorService callThreads(int threads, int port) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(), new CustomizableThreadFactory("grpc-" + port + "-call-"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** The port it listens on, or -1 when it is off or stopped. */
    public int port() {
        Server running = server;
        return running == null ? -1 : running.getPort();
    }
}
