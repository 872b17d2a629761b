package io.dinplatform.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.dinplatform.registry.database.EmbeddedPostgresServer;

import static org.awaitility.Awaitility.await;

/**
 * A training worker in a process of its own (a separate JVM, started from this test's class path), pointed at the
 * test's PostgreSQL and artifact store the way a worker on another machine is pointed at the platform's.
 */
final class WorkerProcess implements AutoCloseable {

    private static final String STARTED = "Training worker %s started";

    private final String id;
    private final Process process;
    private final Path log;

    private WorkerProcess(String id, Process process, Path log) {
        this.id = id;
        this.process = process;
        this.log = log;
    }

    static WorkerProcess start(String id, EmbeddedPostgresServer postgres, Path artifacts, Path workDirectory)
            throws IOException {
        Path log = workDirectory.resolve(id + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g",
                "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"),
                TrainingWorkerApplication.class.getName(),
                "--spring.datasource.url=" + postgres.jdbcUrl(),
                "--spring.datasource.username=" + postgres.username(),
                "--spring.datasource.password=",
                "--din.data-dir=" + workDirectory.resolve(id),
                "--din.artifacts.directory=" + artifacts,
                "--din.worker.id=" + id,
                "--din.worker.lease-duration=5s",
                "--din.worker.heartbeat-interval=1s",
                "--din.worker.poll-interval=200ms",
                "--din.worker.progress-every-steps=5"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new WorkerProcess(id, process, log);
    }

    /** Waits until the worker polls the queue (its application context is up). */
    WorkerProcess awaitReady(Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("worker " + id + " exited with " + process.exitValue() + ":\n"
                        + tail());
            }
            return logText().contains(STARTED.formatted(id));
        });
        return this;
    }

    /** SIGKILL: no shutdown hook, no last write, exactly what the OOM killer or a power cut does. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    String tail() {
        try {
            String text = logText();
            return text.substring(Math.max(0, text.length() - 4000));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    Path log() {
        return log;
    }

    /** SIGTERM and wait: the worker stops at a mini-batch boundary and leaves its run resumable. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
