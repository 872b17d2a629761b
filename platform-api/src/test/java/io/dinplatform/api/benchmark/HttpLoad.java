package io.dinplatform.api.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.concurrent.atomic.AtomicLong;


/**
 * An HTTP load generator run in its own process, for where wrk is not installed: the platform's CPU time per request
 * then counts the server alone, as with wrk. {@code clients} threads each send their next request as soon as the
 * previous one is answered (keep-alive HTTP/1.1). It warms up, prints {@code measuring}, measures, and prints
 * {@code result <requests> <per second> <p50 ms> <p99 ms> <errors>} (read with {@link GrpcLoad#parse}).
 *
 * <p>Arguments: {@code URL BODIES_FILE CLIENTS WARMUP_SECONDS SECONDS}; the file holds one JSON body per line, posted
 * in turn; {@code -} instead of a file sends GET requests.
 */
public final class HttpLoad {

    private HttpLoad() {
    }

    public static void main(String[] args) throws Exception {
        URI target = URI.create(args[0]);
        List<String> bodies = args[1].equals("-") ? List.of() : Files.readAllLines(Path.of(args[1]));
        int clients = Integer.parseInt(args[2]);
        drive(target, bodies, clients, Integer.parseInt(args[3]));
        System.out.println("measuring");
        System.out.flush();
        Load load = drive(target, bodies, clients, Integer.parseInt(args[4]));
        System.out.printf(Locale.ROOT, "result %d %.3f %.4f %.4f %d%n", load.requests(), load.throughput(),
                load.p50Millis(), load.p99Millis(), load.errors());
    }

    /**
     * Runs this generator in its own JVM (on this class path) against a platform started in the calling process, and
     * measures the calling process's CPU time while it measures: the server's CPU per request.
     *
     * @param bodies one JSON body per line, or null for GET requests
     */
    static Load fromItsOwnProcess(URI target, Path bodies, int connections, int warmupSeconds, int seconds)
            throws Exception {
        return LoadProcess.measure("HTTP", HttpLoad.class, target.toString(), bodies == null ? "-" : bodies.toString(),
                Integer.toString(connections), Integer.toString(warmupSeconds), Integer.toString(seconds));
    }

    static Load drive(URI target, List<String> bodies, int clients, int seconds) throws Exception {
        ExecutorService io = Executors.newFixedThreadPool(4);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(io).build();
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
                    HttpRequest request = bodies.isEmpty() ? HttpRequest.newBuilder(target).GET().build()
                            : HttpRequest.newBuilder(target).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i % bodies.size()))).build();
                    long sent = System.nanoTime();
                    HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() != 200) {
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
        io.shutdown();
        Arrays.sort(all);
        return new Load(all.length, all.length / elapsed, ServingBenchmark.percentile(all, 0.50),
                ServingBenchmark.percentile(all, 0.99), errors.get(), Double.NaN);
    }
}
