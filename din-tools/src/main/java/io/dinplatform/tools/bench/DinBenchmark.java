package io.dinplatform.tools.bench;

import ai.djl.ndarray.NDManager;
import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.SequenceColumn;
import io.dinplatform.core.data.builders.SamplesBuilder;
import io.dinplatform.core.device.NativeAllocator;
import io.dinplatform.core.device.NativeHeap;
import io.dinplatform.core.model.ArchitectureConfig;
import io.dinplatform.core.model.ModelDimensions;
import io.dinplatform.core.device.EngineThreads;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.dinplatform.tools.bench.ProcessMeters.committedHeapMib;
import static io.dinplatform.tools.bench.ProcessMeters.loadAverage;
import static io.dinplatform.tools.bench.ProcessMeters.processCpuNanos;
import static io.dinplatform.tools.bench.ProcessMeters.residentMib;

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
        log.printf("native allocator: %s%n", NativeAllocator.tuneForEngineWorkloads());
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
                try (BenchmarkModel model = new BenchmarkModel(data(t, SMALL_VOCABULARY, SMALL_VOCABULARY), architecture,
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
        // The first timed pass still grows the allocator's arenas and the JIT's code; the second one is the
        // steady state, and gives both the throughput and the phase split, so that the two agree.
        timeSteps(model::train);
        model.timings().reset();
        double trainMs = timeSteps(model::train, 0);
        timeSteps(model::infer);
        double inferMs = timeSteps(model::infer, 0);
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
     * Step times with a 10^4-id and a 10^6-id goods table, in wall-clock and in process CPU time: on a machine shared
     * with other work the wall clock also measures the neighbours, while CPU time counts only this process's work.
     *
     * <p>Two large cases: the same number of distinct ids per batch as the small case, spread over the large table
     * (the table's size alone: what the sparse update must be blind to), and ids drawn uniformly from the whole
     * large table, where a batch touches more distinct rows (almost every id once) because the data is different.
     * Each case is measured twice, interleaved, and keeps its better times, so that machine noise favours none.
     */
    private BenchmarkReport.VocabularyResult vocabularyCheck() {
        int t = options.historyLengths().get(0);
        List<EncodedDataset> cases = List.of(data(t, SMALL_VOCABULARY, SMALL_VOCABULARY),
                data(t, LARGE_VOCABULARY, SMALL_VOCABULARY), data(t, LARGE_VOCABULARY, LARGE_VOCABULARY));
        List<StepTime> times = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (int c = 0; c < cases.size(); c++) {
                StepTime time = stepTime(cases.get(c), t);
                times.add(round == 0 ? time : times.remove(0).best(time));
            }
        }
        BenchmarkReport.VocabularyCase small = vocabularyCase(SMALL_VOCABULARY, cases.get(0), times.get(0));
        BenchmarkReport.VocabularyCase spread = vocabularyCase(LARGE_VOCABULARY, cases.get(1), times.get(1));
        BenchmarkReport.VocabularyCase uniform = vocabularyCase(LARGE_VOCABULARY, cases.get(2), times.get(2));
        BenchmarkReport.VocabularyResult result = new BenchmarkReport.VocabularyResult(small, spread, uniform);
        log.print(result.toMarkdown());
        return result;
    }

    private BenchmarkReport.VocabularyCase vocabularyCase(int vocabulary, EncodedDataset data, StepTime time) {
        return new BenchmarkReport.VocabularyCase(vocabulary, meanDistinctGoods(data), time.wallMs(), time.cpuMs());
    }

    /** Distinct goods ids (candidates and history items) per batch: the embedding rows a step gathers and updates. */
    private double meanDistinctGoods(EncodedDataset data) {
        int[] items = data.categorical().get(SamplesBuilder.ITEM);
        SequenceColumn history = data.sequences().get(SamplesBuilder.HISTORY_ITEMS);
        int batches = data.size() / options.batchSize();
        long total = 0;
        for (int b = 0; b < batches; b++) {
            Set<Integer> distinct = new HashSet<>();
            for (int r = b * options.batchSize(); r < (b + 1) * options.batchSize(); r++) {
                distinct.add(items[r]);
                for (int i = history.offsets()[r]; i < history.offsets()[r + 1]; i++) {
                    distinct.add(history.values()[i]);
                }
            }
            total += distinct.size();
        }
        return (double) total / batches;
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
        try (BenchmarkModel model = new BenchmarkModel(data(t, SMALL_VOCABULARY, SMALL_VOCABULARY), architecture,
                options.batchSize(), t)) {
            for (int i = 0; i < options.memoryWarmup(); i++) {
                model.train();
            }
            double start = residentMib();
            Optional<NativeHeap.Usage> heapAtStart = NativeHeap.usage();
            samples.add(start);
            int every = Math.max(1, options.memorySteps() / 10);
            for (int i = 1; i <= options.memorySteps(); i++) {
                model.train();
                if (i % every == 0) {
                    samples.add(residentMib());
                    log.printf("memory after %d steps: %.0f MiB, malloc in use %s MiB%n", i,
                            samples.get(samples.size() - 1), NativeHeap.usage().map(u -> String.format("%.1f",
                                    u.inUseMib())).orElse("unknown"));
                }
            }
            double end = samples.get(samples.size() - 1);
            double max = samples.stream().mapToDouble(Double::doubleValue).max().orElse(end);
            Optional<NativeHeap.Usage> heapAtEnd = NativeHeap.usage();
            return new BenchmarkReport.MemoryResult(options.memoryWarmup(), options.memorySteps(), start, end, max,
                    samples, committedHeapMib(), inUseMib(heapAtStart), inUseMib(heapAtEnd),
                    heapAtEnd.map(NativeHeap.Usage::freeMib).orElse(Double.NaN));
        }
    }

    private static double inUseMib(Optional<NativeHeap.Usage> usage) {
        return usage.map(NativeHeap.Usage::inUseMib).orElse(Double.NaN);
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

    private EncodedDataset data(int t, int items, int drawnItems) {
        return BenchmarkData.generate(options.batchSize() * DATA_BATCHES, t, USERS, items, drawnItems, CATEGORIES, 7);
    }
}
