package io.dinplatform.api.benchmark;

import java.io.IOException;
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
import io.dinplatform.core.bundle.BundleReader;
import io.dinplatform.core.bundle.ModelBundle;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSpec;
import io.dinplatform.core.serving.Scorer;
import io.dinplatform.tools.bench.ProcessMeters;
import tools.jackson.databind.json.JsonMapper;

/**
 * The four figures of the lean REST path and the cheap rank, each with its reference and target, measured in one run
 * of the {@link ServingBenchmark}:
 * <ol>
 *   <li>one-instance predict's platform CPU per request against the liveness floor's (target ≤ 1.5×);</li>
 *   <li>in-process rank of one user against 1,000 candidates against in-process predict of the same 1,000 pairs,
 *       five repetitions, each printed (target ≤ 0.8×);</li>
 *   <li>served rank of 1,000 candidates, one request at a time, p50 and p99, against the in-process rank (target ≤
 *       1.5×);</li>
 *   <li>served rank of 200 candidates at 16 connections, candidates/s, against the in-process rank rate on the same
 *       requests (target ≥ 80 %).</li>
 * </ol>
 * The concurrent HTTP loads run in their own process (wrk, or {@link HttpLoad} with {@code --load java}), so the
 * platform's CPU time is the server's alone; the sequential rank requests come from this JVM (they measure latency,
 * not CPU).
 */
final class LeanPathFigures {

    private static final int LARGE_RANK = 1000;
    private static final int SMALL_RANK = 200;
    private static final int SMALL_RANK_CONNECTIONS = 16;
    private static final int REPETITIONS = 5;
    private static final int SEQUENTIAL_RANKS = 60;
    /** Rounds of the concurrent rank, served and in process alternately. */
    private static final int RATE_ROUNDS = 3;
    /** The platform's default {@code din.serving.max-batch-size}: in process, the forward passes served ones run. */
    private static final int MAX_BATCH_SIZE = 64;
    /** The platform's default {@code din.serving.workers}: its passes at once, and the chunks of one ranking. */
    private static final int WORKERS = 2;
    /** The platform's default {@code din.serving.engine-threads}: the intra-op threads of each pass. */
    private static final int ENGINE_THREADS = 1;

    private final List<Map<String, Object>> instances;
    private final FeatureSchema schema;
    private final int clients;
    private final ExternalLoad load;
    private final List<Ranking> large;
    private final List<Ranking> small;
    private final Path predictBodies;
    private final Path smallRankBodies;

    /** One rank request: the user's side and the candidates, as maps and as the JSON body. */
    private record Ranking(Map<String, Object> context, List<Map<String, Object>> candidates, String body) {
    }

    /**
     * @param load drives the concurrent loads, each after its warm-up
     */
    LeanPathFigures(List<Map<String, Object>> instances, FeatureSchema schema, List<String> predictBodies, int clients,
                    ExternalLoad load) throws IOException {
        this.load = load;
        this.instances = instances;
        this.schema = schema;
        this.clients = clients;
        this.large = rankings(8, LARGE_RANK);
        this.small = rankings(64, SMALL_RANK);
        this.predictBodies = lines(predictBodies);
        this.smallRankBodies = lines(small.stream().map(Ranking::body).toList());
    }

    /**
     * Every figure, against a started platform on {@code port} whose CPU time this process measures, with the
     * in-process references measured in the same minutes on the same bundle: each served measurement alternates
     * with its in-process reference, so that a machine whose load changes during the run moves both alike.
     */
    Figures measure(int port, String model, Path bundleFile) throws Exception {
        URI base = URI.create("http://localhost:" + port);
        URI rank = base.resolve("/api/v1/models/" + model + "/rank");
        try (ModelBundle bundle = BundleReader.read(bundleFile, null, Device.cpu())) {
            // In process as the platform scores: its passes, its concurrency, its threads per pass.
            Scorer scorer = new Scorer(bundle, MAX_BATCH_SIZE, WORKERS, ENGINE_THREADS);
            scorer.warmUp();
            System.err.println("lean path: the liveness floor and one-instance predict, " + clients
                    + " connections, alternately");
            List<Load> floors = new ArrayList<>();
            List<Load> predicts = new ArrayList<>();
            URI liveness = base.resolve("/actuator/health/liveness");
            URI predictEndpoint = base.resolve("/api/v1/models/" + model + "/predict");
            // An unmeasured round of each first: the freshly started platform is still compiling its code.
            load.measure(liveness, null, clients);
            load.measure(predictEndpoint, predictBodies, clients);
            for (int round = 0; round < RATE_ROUNDS; round++) {
                floors.add(load.measure(liveness, null, clients));
                predicts.add(load.measure(predictEndpoint, predictBodies, clients));
                progress("round " + (round + 1) + ": the floor", floors.get(round));
                progress("round " + (round + 1) + ": predict", predicts.get(round));
            }
            Load floor = median(floors);
            Load predict = median(predicts);
            System.err.println("lean path: in-process rank of " + LARGE_RANK + " candidates and predict of the "
                    + "same pairs, alternately");
            double[][] rankAndPairs = rankAgainstPairs(scorer);
            System.err.println("lean path: served rank of " + LARGE_RANK + " candidates, one request at a time, "
                    + "each followed by the same ranking in process");
            double[][] sequential = sequentialRanks(rank, scorer);
            System.err.println("lean path: served rank of " + SMALL_RANK + " candidates, " + SMALL_RANK_CONNECTIONS
                    + " connections, alternating with the in-process rate");
            double[] servedRates = new double[RATE_ROUNDS];
            double[] inProcessRates = new double[RATE_ROUNDS];
            double[] servedCpu = new double[RATE_ROUNDS];
            double[] inProcessCpu = new double[RATE_ROUNDS];
            int errors = 0;
            for (int round = 0; round < RATE_ROUNDS; round++) {
                Load concurrent = load.measure(rank, smallRankBodies, SMALL_RANK_CONNECTIONS);
                servedRates[round] = concurrent.throughput() * SMALL_RANK;
                servedCpu[round] = concurrent.serverCpuMillisPerRequest();
                errors += concurrent.errors();
                RankRate inProcess = inProcessRankRate(scorer);
                inProcessRates[round] = inProcess.candidatesPerSecond();
                inProcessCpu[round] = inProcess.cpuMillisPerRanking();
            }
            return new Figures(floor, predict, rankAndPairs[0], rankAndPairs[1],
                    ServingBenchmark.percentile(sorted(sequential[0]), 0.50),
                    ServingBenchmark.percentile(sorted(sequential[0]), 0.99),
                    ServingBenchmark.percentile(sorted(sequential[1]), 0.50),
                    ServingBenchmark.percentile(sorted(sequential[1]), 0.99),
                    median(servedRates), median(inProcessRates), median(servedCpu), median(inProcessCpu), errors);
        }
    }

    private static void progress(String what, Load measured) {
        System.err.printf(Locale.ROOT, "lean path: %s, %.0f requests/s, platform CPU %.3f ms per request (%.3f ms of "
                + "it the JIT compiler's)%n", what, measured.throughput(), measured.serverCpuMillisPerRequest(),
                measured.compilerCpuMillisPerRequest());
    }

    /**
     * The lean path's figures.
     *
     * @param rankMillis        per repetition, the median in-process rank of 1,000 candidates
     * @param pairsMillis       per repetition, the median in-process predict of the same pairs, timed alternately
     * @param servedP50Millis   served rank of 1,000 candidates, one request at a time
     * @param inProcessP50Millis the same rankings in process, each right after its served request
     * @param servedRate        served candidates/s of 200-candidate ranks at 16 connections (median of rounds)
     * @param inProcessRate     in-process candidates/s of the same requests, rounds alternating with the served ones
     * @param servedCpuMillis   the platform's CPU per served 200-candidate rank (the load generator's not counted)
     * @param inProcessCpuMillis this process's CPU per in-process ranking of the same requests
     */
    record Figures(Load floor, Load predict, double[] rankMillis, double[] pairsMillis, double servedP50Millis,
                   double servedP99Millis, double inProcessP50Millis, double inProcessP99Millis, double servedRate,
                   double inProcessRate, double servedCpuMillis, double inProcessCpuMillis, int servedErrors) {
    }

    /** The table of the four figures against their targets. */
    void print(Figures figures) {
        System.out.println();
        System.out.println("| figure | measured | reference | ratio | target | met |");
        System.out.println("| --- | ---: | ---: | ---: | --- | --- |");
        double cpuRatio = figures.predict().serverCpuMillisPerRequest()
                / figures.floor().serverCpuMillisPerRequest();
        row("platform CPU per one-instance predict (ms) vs the liveness floor's (" + clients + " connections; "
                + String.format(Locale.ROOT, "%.0f and %.0f requests/s", figures.predict().throughput(),
                figures.floor().throughput()) + ")", figures.predict().serverCpuMillisPerRequest(),
                figures.floor().serverCpuMillisPerRequest(), cpuRatio, "≤ 1.5×", cpuRatio <= 1.5);
        double steadyRatio = figures.predict().steadyCpuMillisPerRequest()
                / figures.floor().steadyCpuMillisPerRequest();
        row("the same without the JIT compiler threads' CPU (a long-running platform's; "
                + String.format(Locale.ROOT, "%.3f and %.3f ms of the above)",
                figures.predict().compilerCpuMillisPerRequest(), figures.floor().compilerCpuMillisPerRequest()),
                figures.predict().steadyCpuMillisPerRequest(), figures.floor().steadyCpuMillisPerRequest(),
                steadyRatio, "≤ 1.5×", steadyRatio <= 1.5);
        for (int r = 0; r < REPETITIONS; r++) {
            double ratio = figures.rankMillis()[r] / figures.pairsMillis()[r];
            row("in-process rank of " + LARGE_RANK + " candidates (ms) vs predict of the same pairs, repetition "
                    + (r + 1), figures.rankMillis()[r], figures.pairsMillis()[r], ratio, "≤ 0.8×", ratio <= 0.8);
        }
        double p50 = figures.servedP50Millis() / figures.inProcessP50Millis();
        double p99 = figures.servedP99Millis() / figures.inProcessP99Millis();
        row("served rank of " + LARGE_RANK + " candidates, one at a time, p50 (ms) vs in-process rank's p50",
                figures.servedP50Millis(), figures.inProcessP50Millis(), p50, "≤ 1.5×", p50 <= 1.5);
        row("served rank of " + LARGE_RANK + " candidates, one at a time, p99 (ms) vs in-process rank's p99",
                figures.servedP99Millis(), figures.inProcessP99Millis(), p99, "≤ 1.5×", p99 <= 1.5);
        double share = figures.servedRate() / figures.inProcessRate();
        row("served rank of " + SMALL_RANK + " candidates at " + SMALL_RANK_CONNECTIONS + " connections "
                + "(candidates/s, " + figures.servedErrors() + " errors) vs in-process rank of the same "
                + "requests", figures.servedRate(), figures.inProcessRate(), share, "≥ 0.8×", share >= 0.8);
        // Not a target: where the served rate goes when the load generator shares the machine's cores.
        System.out.printf(Locale.ROOT, "| CPU per " + SMALL_RANK + "-candidate rank (ms): the platform's, served, vs "
                        + "in process | %.3f | %.3f | %.2f | (information) | |%n", figures.servedCpuMillis(),
                figures.inProcessCpuMillis(), figures.servedCpuMillis() / figures.inProcessCpuMillis());
    }

    private static void row(String figure, double measured, double reference, double ratio, String target,
                            boolean met) {
        System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.2f | %s | %s |%n", figure, measured, reference, ratio,
                target, met ? "yes" : "no");
    }

    /**
     * In process, the same 200-candidate requests ranked back to back by as many threads as the platform scores
     * with (its default 2 workers): the candidates/s the model itself allows on this machine.
     */
    private RankRate inProcessRankRate(Scorer scorer) throws IOException {
        int threads = WORKERS;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong ranked = new AtomicLong();
        try {
            for (int phase = 0; phase < 2; phase++) { // a warm-up, then the measurement
                ranked.set(0);
                long cpu = ProcessMeters.processCpuNanos();
                int phaseSeconds = phase == 0 ? load.warmupSeconds() : load.seconds();
                long deadline = System.nanoTime() + Duration.ofSeconds(phaseSeconds).toNanos();
                long started = System.nanoTime();
                List<Future<?>> running = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    running.add(pool.submit(() -> {
                        for (int i = thread; System.nanoTime() < deadline; i += threads) {
                            Ranking ranking = small.get(i % small.size());
                            scorer.rank(ranking.context(), ranking.candidates());
                            ranked.addAndGet(SMALL_RANK);
                        }
                    }));
                }
                for (Future<?> thread : running) {
                    thread.get();
                }
                if (phase == 1) {
                    double rankings = ranked.get() / (double) SMALL_RANK;
                    return new RankRate(ranked.get() / ((System.nanoTime() - started) / 1e9),
                            (ProcessMeters.processCpuNanos() - cpu) / 1e6 / rankings);
                }
            }
            throw new IllegalStateException("unreachable");
        } catch (Exception e) {
            throw new IOException("in-process ranking failed", e);
        } finally {
            pool.shutdown();
        }
    }

    /** In-process ranking: candidates/s, and this process's CPU per ranking. */
    private record RankRate(double candidatesPerSecond, double cpuMillisPerRanking) {
    }

    /** Served latencies [0] and in-process latencies [1] of the same rankings, in milliseconds, alternately. */
    private double[][] sequentialRanks(URI rank, Scorer scorer) throws Exception {
        // A ranking is split over the calling thread and the version's ranking threads, as the platform splits it.
        ExecutorService helpers = Executors.newFixedThreadPool(WORKERS - 1);
        try {
            return sequentialRanks(rank, scorer, helpers);
        } finally {
            helpers.shutdown();
        }
    }

    private double[][] sequentialRanks(URI rank, Scorer scorer, ExecutorService helpers) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 10; i++) {
            send(http, rank, large.get(i % large.size()).body());
        }
        double[][] millis = new double[2][SEQUENTIAL_RANKS];
        for (int i = 0; i < SEQUENTIAL_RANKS; i++) {
            Ranking ranking = large.get(i % large.size());
            long sent = System.nanoTime();
            send(http, rank, ranking.body());
            millis[0][i] = (System.nanoTime() - sent) / 1e6;
            long started = System.nanoTime();
            scorer.rankCandidates(ranking.context(), ranking.candidates(), false, helpers, WORKERS);
            millis[1][i] = (System.nanoTime() - started) / 1e6;
        }
        return millis;
    }

    private static void send(HttpClient http, URI uri, String body) throws Exception {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("rank answered " + response.statusCode());
        }
    }

    /** Rank requests: a user's side from one instance, the candidates' item features from the following ones. */
    private List<Ranking> rankings(int count, int candidates) {
        List<Ranking> rankings = new ArrayList<>(count);
        for (int u = 0; u < count; u++) {
            Map<String, Object> context = new HashMap<>(instances.get(u));
            for (FeatureSpec sequence : schema.sequences()) {
                context.remove(sequence.target());
            }
            List<Map<String, Object>> items = new ArrayList<>(candidates);
            for (int c = 0; c < candidates; c++) {
                Map<String, Object> source = instances.get((u * 131 + c + 1) % instances.size());
                Map<String, Object> candidate = new HashMap<>();
                for (FeatureSpec sequence : schema.sequences()) {
                    candidate.put(sequence.target(), source.get(sequence.target()));
                }
                items.add(candidate);
            }
            String body = JsonMapper.shared().writeValueAsString(Map.of("context", context, "candidates", items));
            rankings.add(new Ranking(context, items, body));
        }
        return rankings;
    }

    private static List<Map<String, Object>> pairs(Ranking ranking) {
        List<Map<String, Object>> pairs = new ArrayList<>(ranking.candidates().size());
        for (Map<String, Object> candidate : ranking.candidates()) {
            Map<String, Object> pair = new HashMap<>(ranking.context());
            pair.putAll(candidate);
            pairs.add(pair);
        }
        return pairs;
    }

    /** The bodies in a temporary file, one per line, as the load generators read them. */
    static Path lines(List<String> bodies) throws IOException {
        Path file = Files.createTempFile("din-benchmark-bodies-", ".jsonl");
        file.toFile().deleteOnExit();
        Files.write(file, bodies);
        return file;
    }

    /**
     * Per repetition, the median of 21 in-process ranks [0] and of 21 predicts of the same pairs [1], each rank
     * followed by its predict, after 5 untimed runs of each.
     */
    private double[][] rankAgainstPairs(Scorer scorer) {
        Ranking ranking = large.get(0);
        List<Map<String, Object>> pairs = pairs(ranking);
        double[][] medians = new double[2][REPETITIONS];
        for (int r = 0; r < REPETITIONS; r++) {
            double[][] millis = new double[2][21];
            for (int i = -5; i < 21; i++) {
                long started = System.nanoTime();
                scorer.rank(ranking.context(), ranking.candidates());
                long ranked = System.nanoTime();
                scorer.predict(pairs);
                long predicted = System.nanoTime();
                if (i >= 0) {
                    millis[0][i] = (ranked - started) / 1e6;
                    millis[1][i] = (predicted - ranked) / 1e6;
                }
            }
            medians[0][r] = median(millis[0]);
            medians[1][r] = median(millis[1]);
        }
        return medians;
    }

    private static long[] sorted(double[] millis) {
        long[] nanos = new long[millis.length];
        for (int i = 0; i < millis.length; i++) {
            nanos[i] = Math.round(millis[i] * 1e6);
        }
        Arrays.sort(nanos);
        return nanos;
    }

    /**
     * The rounds' medians, figure by figure (throughput, percentiles, CPU per request with and without the compiler
     * threads'), with their requests and errors summed: the platform's first round still pays for compiling its code,
     * and a shared machine's load moves. The compiler's part is the difference of the two CPU medians, so that the
     * steady CPU of the result is the median of the rounds' own.
     */
    private static Load median(List<Load> rounds) {
        double cpu = median(rounds.stream().mapToDouble(Load::serverCpuMillisPerRequest).toArray());
        double steady = median(rounds.stream().mapToDouble(Load::steadyCpuMillisPerRequest).toArray());
        return new Load(rounds.stream().mapToLong(Load::requests).sum(),
                median(rounds.stream().mapToDouble(Load::throughput).toArray()),
                median(rounds.stream().mapToDouble(Load::p50Millis).toArray()),
                median(rounds.stream().mapToDouble(Load::p99Millis).toArray()),
                rounds.stream().mapToLong(Load::errors).sum(), cpu, cpu - steady);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
