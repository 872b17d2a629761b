package io.dinplatform.api.benchmark;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.dinplatform.tools.bench.ProcessMeters;

/**
 * A load generator ({@link HttpLoad}, {@link GrpcLoad}) run in its own JVM on this class path against a platform
 * started in the calling process: the generator prints {@code measuring} when its measured seconds begin and a
 * {@code result} line at the end, and the calling process's CPU time in between is the server's.
 */
final class LoadProcess {

    private LoadProcess() {
    }

    /**
     * @param name      names the generator in the error when it fails ("HTTP", "gRPC")
     * @param generator the class whose {@code main} drives the load
     */
    static Load measure(String name, Class<?> generator, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), generator.getName()));
        command.addAll(List.of(arguments));
        Process driver = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long cpu = 0;
        Load load = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(driver.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.equals("measuring")) {
                    cpu = ProcessMeters.processCpuNanos();
                } else if (line.startsWith("result ")) {
                    load = GrpcLoad.parse(line).withServerCpu(ProcessMeters.processCpuNanos() - cpu);
                }
            }
        }
        if (driver.waitFor() != 0 || load == null) {
            throw new IllegalStateException("the " + name + " load generator failed (exit " + driver.exitValue()
                    + ")");
        }
        return load;
    }
}
