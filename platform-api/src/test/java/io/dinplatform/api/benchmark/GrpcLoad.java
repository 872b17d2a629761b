package io.dinplatform.api.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.dinplatform.api.inference.grpc.v2.GRPCInferenceServiceGrpc;
import io.dinplatform.api.inference.grpc.v2.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import io.dinplatform.api.inference.grpc.v2.ModelInferRequest;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

/**
 * The gRPC load generator of the serving benchmark, run in its own process (as wrk is for HTTP) so that its CPU time
 * is not the platform's: {@code clients} threads each send the next ModelInferRequest of the file as soon as the
 * previous one is answered, over one HTTP/2 connection. It warms up, prints {@code measuring}, measures, and prints
 * {@code result <requests> <per second> <p50 ms> <p99 ms> <errors>}.
 *
 * <p>Arguments: {@code PORT REQUESTS_FILE CLIENTS WARMUP_SECONDS SECONDS}; the file holds length-delimited
 * ModelInferRequests.
 */
public final class GrpcLoad {

    private GrpcLoad() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        List<ModelInferRequest> requests = read(Path.of(args[1]));
        int clients = Integer.parseInt(args[2]);
        ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", port).usePlaintext().build();
        try {
            GRPCInferenceServiceBlockingStub stub = GRPCInferenceServiceGrpc.newBlockingStub(channel);
            drive(stub, requests, clients, Integer.parseInt(args[3]));
            System.out.println("measuring");
            System.out.flush();
            Load load = drive(stub, requests, clients, Integer.parseInt(args[4]));
            System.out.printf(Locale.ROOT, "result %d %.3f %.4f %.4f %d%n", load.requests(), load.throughput(),
                    load.p50Millis(), load.p99Millis(), load.errors());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** The result line of a run, as {@link Load} (without the platform's CPU time, which the caller measures). */
    static Load parse(String line) {
        String[] parts = line.split(" ");
        return new Load(Long.parseLong(parts[1]), Double.parseDouble(parts[2]), Double.parseDouble(parts[3]),
                Double.parseDouble(parts[4]), Long.parseLong(parts[5]), Double.NaN);
    }

    private static List<ModelInferRequest> read(Path file) throws IOException {
        List<ModelInferRequest> requests = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            ModelInferRequest request;
            while ((request = ModelInferRequest.parseDelimitedFrom(in)) != null) {
                requests.add(request);
            }
        }
        return requests;
    }

    private static Load drive(GRPCInferenceServiceBlockingStub stub, List<ModelInferRequest> requests, int clients,
                              int seconds) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        AtomicLong errors = new AtomicLong();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long started = System.nanoTime();
        List<Future<long[]>> perClient = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            perClient.add(threads.submit(() -> {
                long[] latencies = new long[1024];
                int n = 0;
                for (int i = client; System.nanoTime() < deadline; i += clients) {
                    long sent = System.nanoTime();
                    try {
                        stub.modelInfer(requests.get(i % requests.size()));
                    } catch (StatusRuntimeException e) {
                        errors.incrementAndGet();
                        continue;
                    }
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = System.nanoTime() - sent;
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        long[] all = new long[0];
        for (Future<long[]> client : perClient) {
            long[] latencies = client.get();
            int from = all.length;
            all = Arrays.copyOf(all, from + latencies.length);
            System.arraycopy(latencies, 0, all, from, latencies.length);
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        threads.shutdown();
        Arrays.sort(all);
        return new Load(all.length, all.length / elapsed, ServingBenchmark.percentile(all, 0.50),
                ServingBenchmark.percentile(all, 0.99), errors.get(), Double.NaN);
    }
}
