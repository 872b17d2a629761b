package io.dinplatform.api.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

import ai.djl.Device;
import io.dinplatform.api.PlatformApiApplication;
import io.dinplatform.api.TestHttp;
import io.dinplatform.core.bundle.BundleReader;
import io.dinplatform.core.bundle.ModelBundle;
import io.dinplatform.tools.bench.ProcessMeters;
import io.dinplatform.tools.bench.RandomInstances;
import io.dinplatform.core.device.NativeAllocator;
import io.dinplatform.core.device.NativeHeap;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.model.ModelVersion;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Soak benchmark of the standalone platform (a program, not a test): concurrent predictions for many minutes while
 * the embedded worker trains a model, with memory, latency and errors reported per window.
 *
 * <p>It starts the standalone platform in this JVM (embedded PostgreSQL in a temporary data directory, the embedded
 * training worker, the real HTTP server), builds MovieLens 100K through the API from {@code ../shared/data}, trains
 * a one-epoch DIN to serve, then queues a longer DIN run and drives {@code POST /predict} with concurrent clients
 * until the time is up. Every window prints requests/s, p50 and p99 latency, errors, the heap in use after the last
 * collection, the committed heap, the process's resident memory, the C allocator's bytes in use and held free
 * ({@link NativeHeap}: a native leak grows the first, retained pages only the second), and the training run's
 * progress.
 *
 * <p>Arguments: {@code --minutes 10}, {@code --clients 16}, {@code --window 30} (seconds), {@code --epochs 20} (of
 * the background run; it restarts when it finishes early, so that training overlaps the whole soak), {@code --shared
 * ../shared}.
 */
public final class SoakBenchmark {

    private static final String MODEL = "soak-din";
    private static final String TOKEN = "soak-benchmark-admin-token-0123456789";
    private static final int INSTANCES = 4096;

    private SoakBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        System.setProperty("ai.djl.offline", "true");
        NativeAllocator.tuneForEngineWorkloads(); // as the platform's main method does
        Path dataDirectory = Files.createTempDirectory("din-soak-");
        // Arguments, not default properties: they must win over application.properties.
        try (ConfigurableApplicationContext platform = new SpringApplicationBuilder(PlatformApiApplication.class)
                .run("--server.port=0", "--din.data-dir=" + dataDirectory, "--spring.main.banner-mode=off",
                        "--din.security.bootstrap-token=" + TOKEN, "--logging.level.root=WARN",
                        "--server.tomcat.threads.max=" + Math.max(200, options.clients()))) {
            int port = platform.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            RestClient api = TestHttp.builder().baseUrl("http://localhost:" + port)
                    .defaultHeader("Authorization", "Bearer " + TOKEN).build();
            buildMovieLens(api, options.shared());
            String first = queueRun(api, 1);
            log("training the model to serve (1 epoch), run %s", first);
            awaitSucceeded(api, first);
            List<String> bodies = requestBodies(platform);
            Soak soak = new Soak(api, URI.create("http://localhost:" + port + "/api/v1/models/" + MODEL
                    + "/predict"), bodies, options);
            soak.run();
        }
    }

    private static void buildMovieLens(RestClient api, Path shared) {
        Path movieLens = shared.resolve("data/movielens-100k");
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("name", "movielens-100k");
        form.add("protocol", "RATING_THRESHOLD");
        form.add("interactions", new FileSystemResource(movieLens.resolve("u.data")));
        form.add("items", new FileSystemResource(movieLens.resolve("u.item")));
        JsonNode built = api.post().uri("/api/v1/datasets/builds").contentType(MediaType.MULTIPART_FORM_DATA)
                .body(form).retrieve().body(JsonNode.class);
        log("built MovieLens 100K: %s rows", built.path("rows"));
    }

    private static String queueRun(RestClient api, int epochs) {
        String request = """
                {"dataset": {"name": "movielens-100k", "version": 1}, "model": "%s",
                 "architecture": {"type": "DIN", "embeddingDim": 18},
                 "training": {"epochs": %d, "batchSize": 256, "seed": 7}}""".formatted(MODEL, epochs);
        return api.post().uri("/api/v1/training-runs").contentType(MediaType.APPLICATION_JSON).body(request)
                .retrieve().body(JsonNode.class).path("id").asString();
    }

    private static JsonNode runState(RestClient api, String id) {
        return api.get().uri("/api/v1/training-runs/{id}", id).retrieve().body(JsonNode.class);
    }

    private static void awaitSucceeded(RestClient api, String id) throws InterruptedException {
        while (true) {
            String status = runState(api, id).path("status").asString();
            if ("SUCCEEDED".equals(status)) {
                return;
            }
            if (!"QUEUED".equals(status) && !"RUNNING".equals(status)) {
                throw new IllegalStateException("run " + id + " ended " + status + ": " + runState(api, id));
            }
            Thread.sleep(1000);
        }
    }

    /** One-instance predict bodies over the served version's own vocabularies. */
    private static List<String> requestBodies(ConfigurableApplicationContext platform) throws Exception {
        ModelVersion served = platform.getBean(ModelRepository.class).findLatestVersion(MODEL).orElseThrow();
        Path bundleFile = platform.getBean(ArtifactStore.class).verifiedPath(served.bundleSha256());
        try (ModelBundle bundle = BundleReader.read(bundleFile, served.bundleSha256(), Device.cpu())) {
            return RandomInstances.of(bundle, INSTANCES, 11).stream()
                    .map(instance -> JsonMapper.shared().writeValueAsString(Map.of("instances", List.of(instance))))
                    .toList();
        }
    }

    /** The load, its windows, and the background training it overlaps. */
    private static final class Soak {

        private final RestClient api;
        private final URI predict;
        private final List<String> bodies;
        private final Options options;
        private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        private final AtomicLong errors = new AtomicLong();
        /** The window's highest resident memory outside the heap, sampled every second: runs peak between windows. */
        private final AtomicReference<Double> peakOutsideHeapMib = new AtomicReference<>(0.0);
        private final List<Window> windows = new ArrayList<>();
        private final List<String> finishedRuns = new ArrayList<>();

        Soak(RestClient api, URI predict, List<String> bodies, Options options) {
            this.api = api;
            this.predict = predict;
            this.bodies = bodies;
            this.options = options;
        }

        void run() throws Exception {
            String training = queueRun(api, options.epochs());
            long deadline = System.nanoTime() + Duration.ofMinutes(options.minutes()).toNanos();
            ExecutorService io = Executors.newFixedThreadPool(4);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(io).build();
            ExecutorService clients = Executors.newFixedThreadPool(options.clients());
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> peakOutsideHeapMib.accumulateAndGet(
                    ProcessMeters.residentMib() - ProcessMeters.committedHeapMib(), Math::max), 0, 1, TimeUnit.SECONDS);
            for (int c = 0; c < options.clients(); c++) {
                int client = c;
                clients.submit(() -> drive(http, client, deadline));
            }
            System.out.println("| minute | requests/s | p50 ms | p99 ms | errors | live heap MiB | heap committed MiB "
                    + "| RSS MiB | RSS outside the heap MiB | its peak in the window MiB | malloc in use MiB "
                    + "| malloc free MiB | training |");
            System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
                    + "| --- |");
            long started = System.nanoTime();
            while (System.nanoTime() < deadline) {
                Thread.sleep(options.windowSeconds() * 1000L);
                training = keepTraining(training);
                Window window = closeWindow((System.nanoTime() - started) / 60e9, runState(api, training));
                windows.add(window);
                window.print();
            }
            clients.shutdown();
            clients.awaitTermination(1, TimeUnit.MINUTES);
            sampler.shutdown();
            io.shutdown();
            summarize(runState(api, training));
        }

        private void drive(HttpClient http, int client, long deadline) {
            for (int i = client; System.nanoTime() < deadline; i += options.clients()) {
                HttpRequest request = HttpRequest.newBuilder(predict).header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i % bodies.size()))).build();
                long sent = System.nanoTime();
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        latencies.add(System.nanoTime() - sent);
                    } else {
                        errors.incrementAndGet();
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                }
            }
        }

        /** A finished background run is replaced by a new one, so that training overlaps the whole soak. */
        private String keepTraining(String training) {
            JsonNode state = runState(api, training);
            String status = state.path("status").asString();
            if ("QUEUED".equals(status) || "RUNNING".equals(status)) {
                return training;
            }
            finishedRuns.add(training + " " + status + " " + state.path("metrics"));
            return queueRun(api, options.epochs());
        }

        private Window closeWindow(double minute, JsonNode training) {
            List<Long> drained = new ArrayList<>();
            for (Long latency; (latency = latencies.poll()) != null; ) {
                drained.add(latency);
            }
            long[] sorted = drained.stream().mapToLong(Long::longValue).sorted().toArray();
            Optional<NativeHeap.Usage> nativeHeap = NativeHeap.usage(); // empty where the C library is not glibc
            JsonNode progress = training.path("progress");
            String trainingState = training.path("status").asString() + " epoch " + progress.path("epoch")
                    + " step " + progress.path("step");
            return new Window(minute, sorted.length / (double) options.windowSeconds(),
                    ServingBenchmark.percentile(sorted, 0.50), ServingBenchmark.percentile(sorted, 0.99),
                    errors.getAndSet(0), liveHeapMib(), ProcessMeters.committedHeapMib(), ProcessMeters.residentMib(),
                    peakOutsideHeapMib.getAndSet(0.0),
                    nativeHeap.map(NativeHeap.Usage::inUseMib).orElse(Double.NaN),
                    nativeHeap.map(NativeHeap.Usage::freeMib).orElse(Double.NaN), trainingState);
        }

        private void summarize(JsonNode lastRun) {
            System.out.println();
            finishedRuns.forEach(r -> System.out.println("background run finished: " + r));
            System.out.println("background run at the end: " + lastRun.path("status").asString() + " "
                    + lastRun.path("progress"));
            if (windows.size() < 4) {
                return;
            }
            List<Window> firstHalf = windows.subList(1, windows.size() / 2);
            List<Window> secondHalf = windows.subList(windows.size() / 2, windows.size());
            System.out.printf(Locale.ROOT, "errors: %d; p99 ms, mean of the windows: %.2f (first half, after the "
                            + "first window) vs %.2f (second half); RSS MiB, max: %.0f vs %.0f; RSS outside the heap MiB, "
                            + "max: %.0f vs %.0f; its peak, max: %.0f vs %.0f; malloc in use MiB, max: %.0f vs %.0f; "
                            + "live heap MiB, max: %.0f vs %.0f%n",
                    windows.stream().mapToLong(Window::errors).sum(),
                    mean(firstHalf, Window::p99Millis), mean(secondHalf, Window::p99Millis),
                    max(firstHalf, Window::residentMib), max(secondHalf, Window::residentMib),
                    max(firstHalf, Window::outsideHeapMib), max(secondHalf, Window::outsideHeapMib),
                    max(firstHalf, Window::peakOutsideHeapMib), max(secondHalf, Window::peakOutsideHeapMib),
                    max(firstHalf, Window::mallocInUseMib), max(secondHalf, Window::mallocInUseMib),
                    max(firstHalf, Window::liveHeapMib), max(secondHalf, Window::liveHeapMib));
        }
    }

    private static double mean(List<Window> windows, ToDoubleFunction<Window> value) {
        return windows.stream().mapToDouble(value).average().orElse(Double.NaN);
    }

    private static double max(List<Window> windows, ToDoubleFunction<Window> value) {
        return windows.stream().mapToDouble(value).max().orElse(Double.NaN);
    }

    /** The heap in use right after the last collection of every heap pool: what the application keeps alive. */
    private static double liveHeapMib() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getCollectionUsage)
                .filter(Objects::nonNull)
                .mapToLong(MemoryUsage::getUsed)
                .sum() / (1024.0 * 1024.0);
    }

    private static void log(String format, Object... values) {
        System.err.printf(Locale.ROOT, format + "%n", values);
    }

    private record Window(double minute, double requestsPerSecond, double p50Millis, double p99Millis, long errors,
                          double liveHeapMib, double committedHeapMib, double residentMib, double peakOutsideHeapMib,
                          double mallocInUseMib, double mallocFreeMib, String training) {

        void print() {
            System.out.printf(Locale.ROOT, "| %.1f | %.0f | %.2f | %.2f | %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f "
                            + "| %.0f | %s |%n", minute, requestsPerSecond, p50Millis, p99Millis, errors, liveHeapMib,
                    committedHeapMib, residentMib, outsideHeapMib(), peakOutsideHeapMib, mallocInUseMib,
                    mallocFreeMib, training);
        }

        /**
         * Resident memory less the committed heap: the engine's native memory, metaspace, thread stacks and code.
         * Exact when the heap is fixed and touched up front ({@code -Xms} = {@code -Xmx}, {@code -XX:+AlwaysPreTouch}).
         */
        double outsideHeapMib() {
            return residentMib - committedHeapMib;
        }
    }

    private record Options(int minutes, int clients, int windowSeconds, int epochs, Path shared) {

        static Options parse(String[] args) {
            Map<String, String> values = new HashMap<>(Map.of("--minutes", "10", "--clients", "16", "--window", "30",
                    "--epochs", "20", "--shared", "../shared"));
            for (int i = 0; i + 1 < args.length; i += 2) {
                if (!values.containsKey(args[i])) {
                    throw new IllegalArgumentException("unknown option " + args[i] + "; options: " + values.keySet());
                }
                values.put(args[i], args[i + 1]);
            }
            return new Options(Integer.parseInt(values.get("--minutes")), Integer.parseInt(values.get("--clients")),
                    Integer.parseInt(values.get("--window")), Integer.parseInt(values.get("--epochs")),
                    Path.of(values.get("--shared")));
        }
    }
}
