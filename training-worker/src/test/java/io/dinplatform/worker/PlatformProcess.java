package io.dinplatform.worker;

import io.dinplatform.core.data.shard.ArrowMemory;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * One of the platform's applications (a worker, an API replica) in a process of its own: a separate JVM running its
 * main class from this test's class path, configured only through environment variables, as a container of the
 * compose stack is, with its output in a log file of its own.
 */
public final class PlatformProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private PlatformProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code application} with exactly the given environment on top of the machine's basics (PATH, HOME):
     * nothing of the platform's configuration leaks in from the test's own environment.
     *
     * @param name names its log file in {@code workDirectory}
     */
    public static PlatformProcess start(String name, Class<?> application, Map<String, String> environment,
            Path workDirectory, String classPath) throws IOException {
        Path log = workDirectory.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                ArrowMemory.JVM_FLAG,
                "-cp", classPath,
                application.getName());
        builder.environment().keySet().removeIf(PlatformProcess::configuresThePlatform);
        builder.environment().putAll(environment);
        Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new PlatformProcess(name, process, log);
    }

    /**
     * This JVM's class path without the locations the given classes come from (a module's classes and its tests'),
     * e.g. so that the API's {@code application.properties} does not configure a worker.
     *
     * @throws IllegalStateException when a location is not on the class path, so that nothing is left in silently
     */
    public static String classPathWithout(Class<?>... classes) {
        List<Path> entries = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().normalize())
                .collect(Collectors.toCollection(ArrayList::new));
        for (Class<?> type : classes) {
            Path location = locationOf(type);
            if (!entries.remove(location)) {
                throw new IllegalStateException(location + " of " + type.getName() + " is not on the class path "
                        + entries);
            }
        }
        return entries.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    private static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath()
                    .normalize();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean configuresThePlatform(String variable) {
        return variable.startsWith("DIN_") || variable.startsWith("SPRING_") || variable.startsWith("DJL_")
                || variable.equals("JAVA_TOOL_OPTIONS") || variable.equals("SERVER_PORT");
    }

    /**
     * Waits until the log shows the line the application writes once it is up, and returns its first group.
     *
     * @throws IllegalStateException with the log's tail when the process exits first
     */
    public String awaitLogLine(Pattern ready, Duration timeout) {
        String[] found = new String[1];
        await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            Matcher line = ready.matcher(logText());
            if (line.find()) {
                found[0] = line.groupCount() > 0 ? line.group(1) : line.group();
            }
            return found[0] != null;
        });
        return found[0];
    }

    public String name() {
        return name;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no last write, exactly what the OOM killer or a power cut does. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    public String tail() {
        try {
            String text = logText();
            return text.substring(Math.max(0, text.length() - 4000));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    public Path log() {
        return log;
    }

    /** SIGTERM and wait: the application shuts down gracefully (a worker leaves its run resumable). */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
