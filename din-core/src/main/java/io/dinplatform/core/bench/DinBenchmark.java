package io.dinplatform.core.bench;

import ai.djl.ndarray.NDManager;
import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.model.ArchitectureConfig;
import io.dinplatform.core.model.ModelDimensions;
import io.dinplatform.core.train.EngineThreads;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The speed benchmark of the training engine (issue 2): in one run, the machine's matmul rate on DIN-shaped
 * products, the model's FLOPs per sample, the achieved training and inference throughput and the utilisation they
 * imply, the forward / backward / optimizer split, the step time with a 10^6-id against a 10^4-id vocabulary, and
 * resident memory over a long run. Setting: DIN with goods and category embeddings of 18, attention 80-40,
 * MLP 200-80, Dice, Adam with MBA, fixed-length histories.
 */
public final class DinBenchmark {

    private static final int USERS = 10_000;
    private static final int CATEGORIES = 1_000;
    private static final int SMALL_VOCABULARY = 10_000;
    private static final int LARGE_VOCABULARY = 1_000_000;
    private static final int DATA_BATCHES = 40;

    private final BenchmarkOptions options;
    private final PrintStream log;
    private final ArchitectureConfig architecture = ArchitectureConfig.defaults();

    public DinBenchmark(BenchmarkOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    public BenchmarkReport run() {
        String loadBefore = loadAverage();
        EngineThreads.use(options.threads());
        log.printf("engine intra-op threads: %d%n", EngineThreads.current());
        Throughput throughput = options.parts().contains(BenchmarkOptions.Part.THROUGHPUT)
                ? throughput() : new Throughput(List.of(), Double.NaN, List.of());
        BenchmarkReport.VocabularyResult vocabulary =
                options.parts().contains(BenchmarkOptions.Part.VOCABULARY) ? vocabularyCheck() : null;
        BenchmarkReport.MemoryResult memory =
                options.parts().contains(BenchmarkOptions.Part.MEMORY) ? memoryRun() : null;
        return new BenchmarkReport(loadBefore + " → " + loadAverage(), options.threads(), options.batchSize(),
                throughput.rates(), throughput.squareGflops(), throughput.histories(), vocabulary, memory);
    }

    /** The matmul rates of the first history length, the 2048² reference, and one result per history length. */
    private record Throughput(List<MatmulProbe.Rate> rates, double squareGflops,
                              List<BenchmarkReport.HistoryResult> histories) {
    }

    private Throughput throughput() {
        List<MatmulProbe.Rate> firstRates = List.of();
        List<BenchmarkReport.HistoryResult> histories = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            MatmulProbe.Product square = new MatmulProbe.Product("square", 2048, 2048, 2048);
            double squareGflops = MatmulProbe.measure(manager, square, 2).gflops();
            log.printf("matmul 2048²: %.1f GFLOP/s%n", squareGflops);
            for (int t : options.historyLengths()) {
                try (BenchmarkModel model = new BenchmarkModel(data(t, SMALL_VOCABULARY), architecture,
                        options.batchSize(), t)) {
                    List<MatmulProbe.Rate> rates = productRates(manager, model.dimensions(), t);
                    firstRates = firstRates.isEmpty() ? rates : firstRates;
                    histories.add(measure(model, t, MatmulProbe.combined(rates)));
                }
            }
            return new Throughput(firstRates, squareGflops, histories);
        }
    }

    private List<MatmulProbe.Rate> productRates(NDManager manager, ModelDimensions dimensions, int t) {
        List<MatmulProbe.Rate> rates = new ArrayList<>();
        int mlpInput = ModelFlops.mlpInputWidth(architecture, dimensions);
        for (MatmulProbe.Product product : MatmulProbe.dinProducts(options.batchSize(), t, dimensions.itemWidth(),
                mlpInput)) {
            MatmulProbe.Rate rate = MatmulProbe.measure(manager, product, 1);
            log.printf("matmul %s at T=%d: %.1f GFLOP/s%n", product.name(), t, rate.gflops());
            rates.add(rate);
        }
        return rates;
    }

    private BenchmarkReport.HistoryResult measure(BenchmarkModel model, int t, double matmulGflops) {
        double flops = ModelFlops.forward(architecture, model.dimensions(), t);
        double trainMs = timeSteps(model::train);
        model.timings().reset();
        timeSteps(model::train); // again, for the phase split without warm-up effects
        double inferMs = timeSteps(model::infer);
        BenchmarkReport.HistoryResult result = new BenchmarkReport.HistoryResult(t, matmulGflops, flops,
                options.batchSize() * 1000.0 / trainMs, options.batchSize() * 1000.0 / inferMs,
                model.timings().forwardMillisPerStep(), model.timings().backwardMillisPerStep(),
                model.timings().updateMillisPerStep());
        log.printf("T=%d: training %.0f samples/s (%.1f %% of %.1f GFLOP/s), inference %.0f samples/s (%.1f %%)%n",
                t, result.trainingSamplesPerSec(), 100 * result.trainingUtilisation(), matmulGflops,
                result.inferenceSamplesPerSec(), 100 * result.inferenceUtilisation());
        return result;
    }

    /**
     * Step times with both vocabularies, in wall-clock and in process CPU time: on a machine shared with other work
     * the wall clock also measures the neighbours, while CPU time counts only this process's work.
     */
    private BenchmarkReport.VocabularyResult vocabularyCheck() {
        int t = options.historyLengths().get(0);
        StepTime small = stepTime(data(t, SMALL_VOCABULARY), t);
        StepTime large = stepTime(data(t, LARGE_VOCABULARY), t);
        // Measure the small one again and keep its better times, so that machine noise does not favour either.
        small = small.best(stepTime(data(t, SMALL_VOCABULARY), t));
        log.printf("step with %d goods ids: %.1f ms (%.1f ms CPU), with %d: %.1f ms (%.1f ms CPU)%n",
                SMALL_VOCABULARY, small.wallMs(), small.cpuMs(), LARGE_VOCABULARY, large.wallMs(), large.cpuMs());
        return new BenchmarkReport.VocabularyResult(SMALL_VOCABULARY, small.wallMs(), small.cpuMs(),
                LARGE_VOCABULARY, large.wallMs(), large.cpuMs());
    }

    /** Wall-clock and process CPU milliseconds per training step. */
    private record StepTime(double wallMs, double cpuMs) {
        StepTime best(StepTime other) {
            return new StepTime(Math.min(wallMs, other.wallMs), Math.min(cpuMs, other.cpuMs));
        }
    }

    private StepTime stepTime(EncodedDataset data, int t) {
        try (BenchmarkModel model = new BenchmarkModel(data, architecture, options.batchSize(), t)) {
            for (int i = 0; i < options.warmupSteps(); i++) {
                model.train();
            }
            long cpuStart = processCpuNanos();
            double wallMs = timeSteps(model::train, 0);
            return new StepTime(wallMs, (processCpuNanos() - cpuStart) / 1e6 / options.measuredSteps());
        }
    }

    private BenchmarkReport.MemoryResult memoryRun() {
        int t = options.historyLengths().get(0);
        List<Double> samples = new ArrayList<>();
        try (BenchmarkModel model = new BenchmarkModel(data(t, SMALL_VOCABULARY), architecture,
                options.batchSize(), t)) {
            for (int i = 0; i < options.warmupSteps(); i++) {
                model.train();
            }
            double start = residentMib();
            samples.add(start);
            int every = Math.max(1, options.memorySteps() / 10);
            for (int i = 1; i <= options.memorySteps(); i++) {
                model.train();
                if (i % every == 0) {
                    samples.add(residentMib());
                    log.printf("memory after %d steps: %.0f MiB%n", i, samples.get(samples.size() - 1));
                }
            }
            double end = samples.get(samples.size() - 1);
            double max = samples.stream().mapToDouble(Double::doubleValue).max().orElse(end);
            return new BenchmarkReport.MemoryResult(options.memorySteps(), start, end, max, samples);
        }
    }

    /** Milliseconds per call after the warm-up. */
    private double timeSteps(Runnable step) {
        return timeSteps(step, options.warmupSteps());
    }

    private double timeSteps(Runnable step, int warmupSteps) {
        for (int i = 0; i < warmupSteps; i++) {
            step.run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < options.measuredSteps(); i++) {
            step.run();
        }
        return (System.nanoTime() - start) / 1e6 / options.measuredSteps();
    }

    private EncodedDataset data(int t, int items) {
        return BenchmarkData.generate(options.batchSize() * DATA_BATCHES, t, USERS, items, CATEGORIES, 7);
    }

    /** CPU time of all this process's threads, the engine's native ones included. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The 1-minute load average from /proc (Linux); "unknown" elsewhere. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** VmRSS of this process from /proc (Linux); NaN elsewhere. */
    static double residentMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
