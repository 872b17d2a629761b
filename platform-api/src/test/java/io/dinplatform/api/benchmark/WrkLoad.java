package io.dinplatform.api.benchmark;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives {@code POST} requests with wrk, the standard HTTP load tool (Debian: {@code apt-get install wrk}), from a
 * separate process: its event loop costs a fraction of a JDK client per request, so the measurement shows the
 * server rather than the load generator. The bodies are cycled through by a small Lua script, one body per line of a
 * file. wrk keeps one connection per client open and sends the next request when the previous answer arrives, like
 * the Java clients.
 */
final class WrkLoad {

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET_ERRORS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private static final String SCRIPT = """
            local bodies = {}
            for line in io.lines(os.getenv("DIN_BENCHMARK_BODIES")) do bodies[#bodies + 1] = line end
            local next_body = math.random(#bodies)
            request = function()
              next_body = next_body % #bodies + 1
              return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, bodies[next_body])
            end
            """;

    private final Path bodies;
    private final Path script;
    private final int threads;

    private WrkLoad(Path bodies, Path script, int threads) {
        this.bodies = bodies;
        this.script = script;
        this.threads = threads;
    }

    /** Writes the bodies and the script to temporary files; empty when wrk is not installed. */
    static Optional<WrkLoad> prepare(List<String> requestBodies, int threads) throws IOException {
        if (!installed()) {
            return Optional.empty();
        }
        Path bodies = Files.createTempFile("din-benchmark-bodies-", ".jsonl");
        Files.write(bodies, requestBodies, StandardCharsets.UTF_8);
        Path script = Files.createTempFile("din-benchmark-", ".lua");
        Files.writeString(script, SCRIPT);
        bodies.toFile().deleteOnExit();
        script.toFile().deleteOnExit();
        return Optional.of(new WrkLoad(bodies, script, threads));
    }

    /** Runs wrk for the given time, posting the bodies to the URI, and reads its report. */
    Load drive(URI target, int clients, int seconds) throws IOException, InterruptedException {
        return run(target, clients, seconds, List.of("-s", script.toString()));
    }

    /** Runs wrk for the given time with plain {@code GET}s of the URI. */
    Load get(URI target, int clients, int seconds) throws IOException, InterruptedException {
        return run(target, clients, seconds, List.of());
    }

    private Load run(URI target, int clients, int seconds, List<String> scriptArguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + Math.min(threads, clients), "-c" + clients,
                "-d" + seconds + "s", "--latency"));
        command.addAll(scriptArguments);
        command.add(target.toString());
        ProcessBuilder wrk = new ProcessBuilder(command).redirectErrorStream(true);
        wrk.environment().put("DIN_BENCHMARK_BODIES", bodies.toString());
        Process process = wrk.start();
        String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("wrk failed:\n" + report);
        }
        return parse(report);
    }

    static Load parse(String report) {
        double throughput = Double.parseDouble(find(REQUESTS_PER_SECOND, report).group(1));
        long errors = 0;
        Matcher non2xx = NON_2XX.matcher(report);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = SOCKET_ERRORS.matcher(report);
        if (socket.find()) {
            for (int group = 1; group <= 4; group++) {
                errors += Long.parseLong(socket.group(group));
            }
        }
        long requests = Long.parseLong(find(REQUESTS, report).group(1));
        return new Load(requests, throughput, percentileMillis(report, "50%"), percentileMillis(report, "99%"), errors,
                Double.NaN);
    }

    /** A line of wrk's latency distribution, e.g. {@code     99%   12.34ms}. */
    private static double percentileMillis(String report, String percentile) {
        Matcher line = find(Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([0-9.]+)(us|ms|s)\\b"), report);
        double value = Double.parseDouble(line.group(1));
        return switch (line.group(2)) {
            case "us" -> value / 1000;
            case "ms" -> value;
            default -> value * 1000;
        };
    }

    private static Matcher find(Pattern pattern, String report) {
        Matcher matcher = pattern.matcher(report);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + pattern + " in wrk's report:\n" + report);
        }
        return matcher;
    }

    private static boolean installed() {
        try {
            Process probe = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            probe.waitFor();
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "wrk (%d threads)", threads);
    }
}
