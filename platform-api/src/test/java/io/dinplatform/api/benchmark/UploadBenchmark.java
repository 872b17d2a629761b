package io.dinplatform.api.benchmark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import io.dinplatform.api.PlatformApiApplication;
import io.dinplatform.api.SamplesCsv;
import io.dinplatform.registry.artifact.s3.S3TestServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * Wall time and memory of dataset uploads (a program, not a test). It starts the standalone platform (embedded
 * PostgreSQL in a temporary data directory, the real HTTP server) in this JVM and uploads generated samples files
 * with {@code POST /api/v1/datasets}, one after the other, each as a new dataset: a plain CSV of each requested size
 * and, with {@code --gzip}, the smallest one gzipped. For each it prints the wall time from the first byte sent to the
 * answer, the throughput in uploaded megabytes per second, the CPU time the process spent meanwhile (less
 * sensitive than the wall time to other work on a shared machine), and the process's peak resident memory during
 * that upload (the kernel's high-water mark, reset before each upload; the client's part is small, as it streams
 * the file).
 *
 * <p>Arguments: {@code --sizes-mb 100,1024} (the plain files, generated once into {@code --files}, default
 * {@code /tmp/din-upload-benchmark}, and reused), {@code --gzip true}, {@code --store filesystem} ({@code s3}: the
 * artifact store on S3Proxy, started in this JVM on loopback). Run it with {@code -Xmx256m} to check that the size of
 * an upload is not the size of the heap.
 */
public final class UploadBenchmark {

    private static final long MB = 1024 * 1024;
    private static final int USERS = 100_000;
    private static final int ITEMS = 20_000;
    private static final int CATEGORIES = 500;
    private static final String TOKEN = "din-upload-benchmark-" + UUID.randomUUID();

    private UploadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        List<Path> files = new ArrayList<>();
        for (long sizeMb : options.sizesMb()) {
            files.add(samplesFile(options.files(), sizeMb));
        }
        if (options.gzip()) {
            files.add(gzipped(files.get(0)));
        }
        Path dataDirectory = Files.createTempDirectory("din-upload-benchmark-");
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--din.data-dir=" + dataDirectory,
                "--din.worker.embedded=false", "--din.security.bootstrap-token=" + TOKEN,
                "--spring.main.banner-mode=off", "--logging.level.root=WARN"));
        S3TestServer s3 = "s3".equals(options.store()) ? S3TestServer.start(dataDirectory.resolve("s3")) : null;
        if (s3 != null) {
            arguments.addAll(List.of("--din.artifacts.type=s3", "--din.artifacts.s3.endpoint=" + s3.endpoint(),
                    "--din.artifacts.s3.bucket=" + S3TestServer.BUCKET, "--din.artifacts.s3.path-style-access=true",
                    "--din.artifacts.s3.access-key-id=" + S3TestServer.ACCESS_KEY_ID,
                    "--din.artifacts.s3.secret-access-key=" + S3TestServer.SECRET_ACCESS_KEY));
        }
        try (ConfigurableApplicationContext platform = new SpringApplicationBuilder(PlatformApiApplication.class)
                .run(arguments.toArray(String[]::new))) {
            int port = platform.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            URI datasets = URI.create("http://localhost:" + port + "/api/v1/datasets");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            System.out.printf(Locale.ROOT, "| file | size MiB | wall s | MiB/s | process CPU s | peak resident MiB "
                    + "| max heap MiB |%n");
            System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
            for (Path file : files) {
                upload(http, datasets, file);
            }
        } finally {
            if (s3 != null) {
                s3.close();
            }
            FileSystemUtils.deleteRecursively(dataDirectory);
        }
    }

    private static void upload(HttpClient http, URI datasets, Path file) throws IOException, InterruptedException {
        String boundary = "----din-benchmark-" + UUID.randomUUID();
        String name = "upload-" + UUID.randomUUID().toString().substring(0, 8);
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n" + name + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"schema\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + SamplesCsv.SCHEMA + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + file.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        HttpRequest request = HttpRequest.newBuilder(datasets)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofString(head),
                        HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofString(tail)))
                .build();
        System.gc();
        boolean peakReset = resetPeakResident();
        long cpuBefore = processCpuNanos();
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
        if (response.statusCode() != 201) {
            throw new IllegalStateException("upload of " + file + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        double sizeMib = Files.size(file) / (double) MB;
        System.out.printf(Locale.ROOT, "| %s | %.0f | %.1f | %.1f | %.1f | %s%.0f | %d |%n", file.getFileName(),
                sizeMib, seconds, sizeMib / seconds, cpuSeconds, peakReset ? "" : "(since start) ",
                procStatusMib("VmHWM:"), Runtime.getRuntime().maxMemory() / MB);
    }

    /** A valid samples file of about {@code sizeMb} megabytes over a bounded vocabulary; reused when it exists. */
    private static Path samplesFile(Path directory, long sizeMb) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve("samples-" + sizeMb + "mb.csv");
        if (Files.exists(file)) {
            return file;
        }
        System.err.printf("generating %s%n", file);
        Path partial = directory.resolve(file.getFileName() + ".partial");
        SplittableRandom random = new SplittableRandom(sizeMb);
        long target = sizeMb * MB;
        try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(partial),
                StandardCharsets.UTF_8), 1 << 16)) {
            StringBuilder row = new StringBuilder(SamplesCsv.HEADER).append('\n');
            long written = 0;
            while (written < target) {
                out.append(row);
                written += row.length();
                row.setLength(0);
                appendRow(row, random);
            }
        }
        Files.move(partial, file);
        return file;
    }

    private static void appendRow(StringBuilder row, SplittableRandom random) {
        int item = random.nextInt(ITEMS);
        row.append('u').append(random.nextInt(USERS)).append(",i").append(item).append(",c")
                .append(item % CATEGORIES).append(',');
        int history = random.nextInt(6);
        StringBuilder categories = new StringBuilder();
        for (int h = 0; h < history; h++) {
            int past = random.nextInt(ITEMS);
            row.append(h == 0 ? "i" : "|i").append(past);
            categories.append(h == 0 ? "c" : "|c").append(past % CATEGORIES);
        }
        row.append(',').append(categories).append(',').append(random.nextInt(2)).append('\n');
    }

    private static Path gzipped(Path plain) throws IOException {
        Path file = plain.resolveSibling(plain.getFileName() + ".gz");
        if (!Files.exists(file)) {
            System.err.printf("generating %s%n", file);
            Path partial = plain.resolveSibling(file.getFileName() + ".partial");
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(partial), 1 << 16)) {
                Files.copy(plain, out);
            }
            Files.move(partial, file);
        }
        return file;
    }

    /** CPU time of all of this process's threads: the platform's and the client's (which only sends a file). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Resets the kernel's peak resident memory of this process (Linux: clear_refs 5); false where it cannot. */
    private static boolean resetPeakResident() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static double procStatusMib(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    private record Options(List<Long> sizesMb, boolean gzip, Path files, String store) {

        static Options parse(String[] args) {
            Map<String, String> values = new HashMap<>(Map.of("--sizes-mb", "100,1024", "--gzip", "true",
                    "--files", "/tmp/din-upload-benchmark", "--store", "filesystem"));
            for (int i = 0; i + 1 < args.length; i += 2) {
                values.put(args[i], args[i + 1]);
            }
            List<Long> sizes = new ArrayList<>();
            for (String size : values.get("--sizes-mb").split(",")) {
                sizes.add(Long.parseLong(size.trim()));
            }
            return new Options(sizes, Boolean.parseBoolean(values.get("--gzip")), Path.of(values.get("--files")),
                    values.get("--store"));
        }
    }
}
