package io.dinplatform.api.benchmark;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import ai.djl.Device;
import io.dinplatform.api.PlatformApiApplication;
import io.dinplatform.api.inference.grpc.GrpcInferenceServer;
import io.dinplatform.tools.bench.ProcessMeters;
import io.dinplatform.tools.bench.RandomInstances;
import io.dinplatform.core.bundle.BundleReader;
import io.dinplatform.core.bundle.ModelBundle;
import io.dinplatform.core.device.NativeAllocator;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;
import io.dinplatform.core.serving.Scorer;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.model.NewModelVersion;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load benchmark of online serving (a program, not a test). It starts the standalone platform (embedded PostgreSQL,
 * the real HTTP server) in this JVM, registers the given bundle as the worker would, and drives
 * {@code POST /predict} with concurrent clients that each send one-instance requests back to back: once with dynamic
 * batching on and once, after a restart on the same data, with it off. Each start also drives the Open Inference
 * Protocol with the same instances: REST v2 {@code infer} (with the same HTTP load) and gRPC {@code ModelInfer} (with
 * {@link GrpcLoad}, a grpc-java load generator in its own process). It then measures, in process on the same
 * model, the batched scorer's throughput and the ranking path (one user against 1,000 candidates) against scoring the
 * same 1,000 pairs as ordinary predictions.
 *
 * <p>Arguments: {@code --bundle FILE} (required: a DIN bundle, e.g. trained on MovieLens 100K with din-core's
 * {@code train --bundle}), {@code --clients 64}, {@code --seconds 20} (measured per setting), {@code --warmup 5}
 * (seconds per setting, not measured). Requests are random instances over the bundle's own vocabularies.
 */
public final class ServingBenchmark {

    private static final String MODEL = "benchmark-din";
    private static final int INSTANCES = 4096;
    private static final int RANK_CANDIDATES = 1000;

    private ServingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        System.setProperty("ai.djl.offline", "true");
        NativeAllocator.tuneForEngineWorkloads(); // as the platform's main method does
        Path dataDirectory = Files.createTempDirectory("din-serving-benchmark-");
        List<Map<String, Object>> instances;
        FeatureSchema schema;
        try (ModelBundle bundle = BundleReader.read(options.bundle(), null, Device.cpu())) {
            instances = RandomInstances.of(bundle, INSTANCES, 7);
            schema = bundle.schema();
        }
        List<String> predictBodies = instances.stream()
                .map(instance -> JsonMapper.shared().writeValueAsString(Map.of("instances", List.of(instance))))
                .toList();
        ExternalLoad external = new ExternalLoad(options.load().equals("wrk") ? options.wrkThreads() : 0,
                options.warmupSeconds(), options.seconds());
        LeanPathFigures lean = new LeanPathFigures(instances, schema, predictBodies, options.clients(), external);
        if (options.parts().equals("lean")) {
            LeanPathFigures.Figures figures;
            try (ConfigurableApplicationContext platform = start(dataDirectory, true, options)) {
                figures = lean.measure(port(platform), MODEL, options.bundle());
            }
            lean.print(figures);
            return;
        }
        if (options.parts().equals("impressions")) {
            try (ConfigurableApplicationContext platform = start(dataDirectory, true, options)) {
                new ImpressionLoggingFigures(LeanPathFigures.lines(predictBodies), options.clients(), external)
                        .measureAndPrint(platform, port(platform), MODEL);
            }
            return;
        }
        Bodies bodies = new Bodies(predictBodies,
                instances.stream().map(instance -> InferenceBodies.rest(schema, instance)).toList(),
                grpcRequests(schema, instances));

        Settings batched = againstPlatform(dataDirectory, true, options, bodies, lean);
        Settings alone = againstPlatform(dataDirectory, false, options, bodies, null);
        InProcess inProcess = inProcess(options, instances);

        System.out.println();
        System.out.printf(Locale.ROOT, "| setting (%d clients, %s) | requests/s | p50 ms | p99 ms | errors "
                + "| platform CPU ms per request |%n", options.clients(), options.load().equals("wrk")
                ? "wrk in its own process" : "Java clients in the platform's JVM");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
        batched.predict().print("POST /predict, one instance, dynamic batching on");
        alone.predict().print("POST /predict, one instance, dynamic batching off");
        batched.infer().print("POST /v2/models/{name}/infer (REST v2), one instance, dynamic batching on");
        alone.infer().print("POST /v2/models/{name}/infer (REST v2), one instance, dynamic batching off");
        batched.grpc().print("gRPC ModelInfer (load generator in its own process), one instance, batching on");
        alone.grpc().print("gRPC ModelInfer (load generator in its own process), one instance, batching off");
        if (batched.floor() != null) {
            batched.floor().print("GET /actuator/health/liveness (the HTTP floor: no model, no database)");
        }
        System.out.printf(Locale.ROOT, "| in-process Scorer, batches of 64 on 2 threads | %.0f | | | | |%n",
                inProcess.predictionsPerSecond());
        System.out.println();
        System.out.printf(Locale.ROOT, "batching on / off: %.2fx; served (batching on) / in-process: %.0f %%%n",
                batched.predict().throughput() / alone.predict().throughput(),
                100 * batched.predict().throughput() / inProcess.predictionsPerSecond());
        System.out.printf(Locale.ROOT, "gRPC: batching on / off: %.2fx; platform CPU per request, gRPC / REST v1 "
                        + "predict (batching on): %.2f%n", batched.grpc().throughput() / alone.grpc().throughput(),
                batched.grpc().serverCpuMillisPerRequest() / batched.predict().serverCpuMillisPerRequest());
        System.out.printf(Locale.ROOT, "rank of 1 user x %d candidates: %.2f ms; the same %d pairs through predict: "
                        + "%.2f ms (ratio %.2f)%n", RANK_CANDIDATES, inProcess.rankMillis(), RANK_CANDIDATES,
                inProcess.pairsMillis(), inProcess.rankMillis() / inProcess.pairsMillis());
        lean.print(batched.lean());
    }

    /**
     * The predictions measured on one start of the platform (REST v1, REST v2, gRPC) and, with wrk, the floor of a
     * trivial request.
     */
    private record Settings(Load predict, Load infer, Load grpc, Load floor, LeanPathFigures.Figures lean) {
    }

    /** The same instances as v1 bodies, REST v2 bodies and a file of length-delimited gRPC requests. */
    private record Bodies(List<String> predict, List<String> infer, Path grpc) {
    }

    private static Path grpcRequests(FeatureSchema schema, List<Map<String, Object>> instances) throws IOException {
        Path file = Files.createTempFile("din-benchmark-grpc-", ".bin");
        file.toFile().deleteOnExit();
        try (OutputStream out = Files.newOutputStream(file)) {
            for (Map<String, Object> instance : instances) {
                InferenceBodies.grpc(MODEL, schema, instance).writeDelimitedTo(out);
            }
        }
        return file;
    }

    /** Starts the platform with batching on or off and registers the model on the first start. */
    private static ConfigurableApplicationContext start(Path dataDirectory, boolean batching, Options options)
            throws IOException {
        // Arguments, not default properties: they must win over application.properties.
        ConfigurableApplicationContext platform = new SpringApplicationBuilder(PlatformApiApplication.class)
                .run("--server.port=0", "--din.data-dir=" + dataDirectory, "--din.worker.embedded=false",
                        "--din.serving.batching=" + batching, "--spring.main.banner-mode=off",
                        // the benchmark measures serving; a token check per request is a separate question
                        "--din.security.open-predict=true", "--management.endpoint.health.probes.enabled=true",
                        "--logging.level.root=WARN", "--server.tomcat.threads.max=" + Math.max(200, options.clients()),
                        "--din.grpc.port=" + freePort());
        ModelRepository models = platform.getBean(ModelRepository.class);
        if (models.findLatestVersion(MODEL).isEmpty()) {
            String sha256 = platform.getBean(ArtifactStore.class)
                    .write(new ByteArrayInputStream(Files.readAllBytes(options.bundle()))).sha256();
            models.createNextVersion(new NewModelVersion(MODEL, null, null, sha256, null, null));
        }
        return platform;
    }

    private static int port(ConfigurableApplicationContext platform) {
        return platform.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    /**
     * Starts the platform with batching on or off and drives every setting; with {@code lean}, also the lean path's
     * served figures.
     */
    private static Settings againstPlatform(Path dataDirectory, boolean batching, Options options,
                                            Bodies bodies, LeanPathFigures lean) throws Exception {
        try (ConfigurableApplicationContext platform = start(dataDirectory, batching, options)) {
            int port = port(platform);
            URI predict = URI.create("http://localhost:" + port + "/api/v1/models/" + MODEL + "/predict");
            System.err.printf("batching %s: warming up %d s, measuring %d s with %d clients%n",
                    batching ? "on" : "off", options.warmupSeconds(), options.seconds(), options.clients());
            drive(predict, bodies.predict(), options, options.warmupSeconds());
            long cpu = ProcessMeters.processCpuNanos();
            Load load = drive(predict, bodies.predict(), options, options.seconds());
            load = load.withServerCpu(ProcessMeters.processCpuNanos() - cpu);
            printBatchSizes(port);
            URI v2 = URI.create("http://localhost:" + port + "/v2/models/" + MODEL + "/infer");
            drive(v2, bodies.infer(), options, options.warmupSeconds());
            cpu = ProcessMeters.processCpuNanos();
            Load infer = drive(v2, bodies.infer(), options, options.seconds())
                    .withServerCpu(ProcessMeters.processCpuNanos() - cpu);
            Load grpc = driveGrpc(platform.getBean(GrpcInferenceServer.class).port(), bodies.grpc(), options);
            Load floor = null;
            if (batching && options.load().equals("wrk")) {
                URI liveness = URI.create("http://localhost:" + port + "/actuator/health/liveness");
                floor = new ExternalLoad(options.wrkThreads(), options.warmupSeconds(), options.seconds())
                        .measure(liveness, null, options.clients());
            }
            LeanPathFigures.Figures served = lean == null ? null : lean.measure(port, MODEL, options.bundle());
            return new Settings(load, infer, grpc, floor, served);
        }
    }

    /**
     * Runs {@link GrpcLoad} in its own JVM on this class path and measures the platform's CPU time while it
     * measures.
     */
    private static Load driveGrpc(int port, Path requests, Options options) throws Exception {
        return LoadProcess.measure("gRPC", GrpcLoad.class, Integer.toString(port), requests.toString(),
                Integer.toString(options.clients()), Integer.toString(options.warmupSeconds()),
                Integer.toString(options.seconds()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The batch-size histogram's count and sum from /actuator/prometheus (warm-up included). */
    private static void printBatchSizes(int port) throws IOException, InterruptedException {
        HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        scrape.body().lines()
                .filter(line -> line.startsWith("din_serving_batch_size_instances_count")
                        || line.startsWith("din_serving_batch_size_instances_sum")
                        || line.startsWith("din_serving_predictions_total"))
                .forEach(line -> System.err.println("  /actuator/prometheus: " + line));
    }

    private static Load drive(URI predict, List<String> bodies, Options options, int seconds) throws Exception {
        if (options.load().equals("java")) {
            return driveFromThisJvm(predict, bodies, options.clients(), seconds);
        }
        return wrk(bodies, options).drive(predict, options.clients(), seconds);
    }

    private static WrkLoad wrk(List<String> bodies, Options options) throws IOException {
        return WrkLoad.prepare(bodies, options.wrkThreads()).orElseThrow(() -> new IllegalStateException(
                "wrk is not installed (Debian: apt-get install wrk); install it or pass --load java"));
    }

    /** Every client sends its next one-instance request as soon as the previous one is answered. */
    private static Load driveFromThisJvm(URI predict, List<String> bodies, int clients, int seconds) throws Exception {
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
                    HttpRequest request = HttpRequest.newBuilder(predict).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i % bodies.size()))).build();
                    long sent = System.nanoTime();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
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
        return new Load(all.length, all.length / elapsed, percentile(all, 0.50), percentile(all, 0.99), errors.get(),
                Double.NaN);
    }

    private static InProcess inProcess(Options options, List<Map<String, Object>> instances) throws IOException {
        try (ModelBundle bundle = BundleReader.read(options.bundle(), null, Device.cpu())) {
            Scorer scorer = new Scorer(bundle, 64);
            scorer.warmUp();
            double throughput = scorerThroughput(scorer, instances, options.seconds());
            Map<String, Object> user = new HashMap<>(instances.get(0));
            List<Map<String, Object>> candidates = new ArrayList<>();
            List<Map<String, Object>> pairs = new ArrayList<>();
            for (int c = 0; c < RANK_CANDIDATES; c++) {
                Map<String, Object> candidate = new HashMap<>();
                for (FeatureSpec item : bundle.schema().sequences()) {
                    candidate.put(item.target(), instances.get(c).get(item.target()));
                }
                candidates.add(candidate);
                Map<String, Object> pair = new HashMap<>(user);
                pair.putAll(candidate);
                pairs.add(pair);
            }
            Scorer large = new Scorer(bundle, RANK_CANDIDATES);
            double rank = medianMillis(() -> large.rank(user, candidates));
            double predict = medianMillis(() -> large.predict(pairs));
            return new InProcess(throughput, rank, predict);
        }
    }

    /** Two threads (the platform's default batcher workers) scoring batches of 64 back to back. */
    private static double scorerThroughput(Scorer scorer, List<Map<String, Object>> instances, int seconds)
            throws IOException {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        AtomicLong scored = new AtomicLong();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long started = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int thread = t;
            running.add(threads.submit(() -> {
                for (int from = thread * 64; System.nanoTime() < deadline; from = (from + 128) % (INSTANCES - 64)) {
                    scorer.predict(instances.subList(from, from + 64));
                    scored.addAndGet(64);
                }
            }));
        }
        try {
            for (Future<?> thread : running) {
                thread.get();
            }
        } catch (Exception e) {
            throw new IOException("in-process scoring failed", e);
        } finally {
            threads.shutdown();
        }
        return scored.get() / ((System.nanoTime() - started) / 1e9);
    }

    private static double medianMillis(Runnable work) {
        for (int i = 0; i < 5; i++) {
            work.run();
        }
        double[] millis = new double[21];
        for (int i = 0; i < millis.length; i++) {
            long started = System.nanoTime();
            work.run();
            millis[i] = (System.nanoTime() - started) / 1e6;
        }
        Arrays.sort(millis);
        return millis[millis.length / 2];
    }

    static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(p * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1e6;
    }

    private record InProcess(double predictionsPerSecond, double rankMillis, double pairsMillis) {
    }

    private record Options(Path bundle, int clients, int seconds, int warmupSeconds, String load, int wrkThreads,
                           String parts) {

        static Options parse(String[] args) {
            Map<String, String> values = new HashMap<>(Map.of("--clients", "64", "--seconds", "20",
                    "--warmup", "5", "--load", "wrk", "--wrk-threads", "1", "--parts", "all"));
            for (int i = 0; i + 1 < args.length; i += 2) {
                values.put(args[i], args[i + 1]);
            }
            if (!values.containsKey("--bundle") || !List.of("wrk", "java").contains(values.get("--load"))
                    || !List.of("all", "lean", "impressions").contains(values.get("--parts"))) {
                throw new IllegalArgumentException("usage: --bundle FILE [--clients 64] [--seconds 20] [--warmup 5] "
                        + "[--load wrk|java] [--wrk-threads 1] [--parts all|lean|impressions]");
            }
            return new Options(Path.of(values.get("--bundle")), Integer.parseInt(values.get("--clients")),
                    Integer.parseInt(values.get("--seconds")), Integer.parseInt(values.get("--warmup")),
                    values.get("--load"), Integer.parseInt(values.get("--wrk-threads")), values.get("--parts"));
        }
    }
}
