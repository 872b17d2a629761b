package io.dinplatform.api.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.dinplatform.api.PlatformApiApplication;
import io.dinplatform.api.TestHttp;
import io.dinplatform.core.device.NativeAllocator;
import io.dinplatform.registry.artifact.s3.S3TestServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.MediaType;
import org.springframework.util.FileSystemUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The same MovieLens DIN run with the artifact store on the file system and on S3 (a program, not a test): the
 * wall time of each and their ratio, to show that the local cache keeps object storage off the training path.
 *
 * <p>Each round starts the standalone platform twice in this JVM, once per store and each in a fresh temporary data
 * directory (embedded PostgreSQL, the embedded training worker, the real HTTP server); for {@code s3} it first
 * starts S3Proxy on loopback (a file-system backend, signatures checked), which the platform reaches through the
 * S3 API like any object store. Against each platform it builds MovieLens 100K through the API from
 * {@code ../shared/data} and trains a DIN run; it prints the wall time of the build and of the run (from its
 * queueing to SUCCEEDED: the worker's download of the dataset, training, checkpoints and the bundle's upload). The
 * stores alternate within a round and the order flips every round, so that a drift of the machine hits both.
 *
 * <p>Arguments: {@code --rounds 2}, {@code --epochs 2}, {@code --shared ../shared}.
 */
public final class ArtifactStoreBenchmark {

    private static final String TOKEN = "artifact-store-benchmark-admin-token-0123456789";

    private ArtifactStoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        System.setProperty("ai.djl.offline", "true");
        NativeAllocator.tuneForEngineWorkloads(); // as the platform's main method does
        List<Double> filesystem = new ArrayList<>();
        List<Double> s3 = new ArrayList<>();
        System.out.println("| round | store | build s | run s |");
        System.out.println("| ---: | --- | ---: | ---: |");
        for (int round = 1; round <= options.rounds(); round++) {
            boolean s3First = round % 2 == 0;
            for (boolean useS3 : s3First ? new boolean[] {true, false} : new boolean[] {false, true}) {
                double[] seconds = measure(useS3, options);
                (useS3 ? s3 : filesystem).add(seconds[1]);
                System.out.printf(Locale.ROOT, "| %d | %s | %.1f | %.1f |%n", round, useS3 ? "s3" : "filesystem",
                        seconds[0], seconds[1]);
            }
        }
        double ratio = median(s3) / median(filesystem);
        System.out.printf(Locale.ROOT, "median run: filesystem %.1f s, s3 %.1f s, ratio s3/filesystem %.3f%n",
                median(filesystem), median(s3), ratio);
    }

    /** The wall seconds of the dataset build and of the training run on a fresh platform with the given store. */
    private static double[] measure(boolean useS3, Options options) throws Exception {
        Path directory = Files.createTempDirectory("din-artifact-store-benchmark-");
        S3TestServer server = useS3 ? S3TestServer.start(directory.resolve("s3")) : null;
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--din.data-dir=" + directory.resolve(
                "data"), "--spring.main.banner-mode=off", "--din.security.bootstrap-token=" + TOKEN,
                "--logging.level.root=WARN"));
        if (server != null) {
            arguments.addAll(List.of("--din.artifacts.type=s3", "--din.artifacts.s3.endpoint=" + server.endpoint(),
                    "--din.artifacts.s3.bucket=" + S3TestServer.BUCKET, "--din.artifacts.s3.path-style-access=true",
                    "--din.artifacts.s3.access-key-id=" + S3TestServer.ACCESS_KEY_ID,
                    "--din.artifacts.s3.secret-access-key=" + S3TestServer.SECRET_ACCESS_KEY));
        }
        try (ConfigurableApplicationContext platform = new SpringApplicationBuilder(PlatformApiApplication.class)
                .run(arguments.toArray(String[]::new))) {
            int port = platform.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            RestClient api = TestHttp.builder().baseUrl("http://localhost:" + port)
                    .defaultHeader("Authorization", "Bearer " + TOKEN).build();
            long start = System.nanoTime();
            buildMovieLens(api, options.shared());
            long built = System.nanoTime();
            awaitSucceeded(api, queueRun(api, options.epochs()));
            long trained = System.nanoTime();
            return new double[] {(built - start) / 1e9, (trained - built) / 1e9};
        } finally {
            if (server != null) {
                server.close();
            }
            FileSystemUtils.deleteRecursively(directory);
        }
    }

    private static void buildMovieLens(RestClient api, Path shared) {
        Path movieLens = shared.resolve("data/movielens-100k");
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("name", "movielens-100k");
        form.add("protocol", "RATING_THRESHOLD");
        form.add("interactions", new FileSystemResource(movieLens.resolve("u.data")));
        form.add("items", new FileSystemResource(movieLens.resolve("u.item")));
        api.post().uri("/api/v1/datasets/builds").contentType(MediaType.MULTIPART_FORM_DATA).body(form).retrieve()
                .body(JsonNode.class);
    }

    private static String queueRun(RestClient api, int epochs) {
        String request = """
                {"dataset": {"name": "movielens-100k", "version": 1}, "model": "store-benchmark",
                 "architecture": {"type": "DIN", "embeddingDim": 18},
                 "training": {"epochs": %d, "batchSize": 256, "seed": 7}}""".formatted(epochs);
        return api.post().uri("/api/v1/training-runs").contentType(MediaType.APPLICATION_JSON).body(request)
                .retrieve().body(JsonNode.class).path("id").asString();
    }

    private static void awaitSucceeded(RestClient api, String id) throws InterruptedException {
        while (true) {
            JsonNode run = api.get().uri("/api/v1/training-runs/{id}", id).retrieve().body(JsonNode.class);
            String status = run.path("status").asString();
            if ("SUCCEEDED".equals(status)) {
                return;
            }
            if (!"QUEUED".equals(status) && !"RUNNING".equals(status)) {
                throw new IllegalStateException("run " + id + " ended " + status + ": " + run);
            }
            Thread.sleep(200);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private record Options(int rounds, int epochs, Path shared) {

        static Options parse(String[] args) {
            int rounds = 2;
            int epochs = 2;
            Path shared = Path.of("../shared");
            for (int i = 0; i + 1 < args.length; i += 2) {
                switch (args[i]) {
                    case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                    case "--epochs" -> epochs = Integer.parseInt(args[i + 1]);
                    case "--shared" -> shared = Path.of(args[i + 1]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new Options(rounds, epochs, shared);
        }
    }
}
