package io.dinplatform.tools.bench;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What {@link DinBenchmark} measures and for how long.
 *
 * @param batchSize        rows per mini-batch
 * @param historyLengths   the fixed history lengths T to measure
 * @param threads          the engine's intra-op threads
 * @param warmupSteps      untimed steps before each measurement
 * @param measuredSteps    timed steps per measurement
 * @param memoryWarmup     training steps before the resident-memory run's first sample: the allocator's arenas
 *                         grow to their working size over the first several hundred steps
 * @param memorySteps      training steps of the resident-memory run
 * @param parts            which measurements to run
 */
public record BenchmarkOptions(int batchSize, List<Integer> historyLengths, int threads, int warmupSteps,
                               int measuredSteps, int memoryWarmup, int memorySteps, Set<Part> parts) {

    /** The measurements of a run; each stands alone, so a slow one can be run separately. */
    public enum Part {
        /** Matmul rates, FLOPs per sample, training and inference throughput and utilisation per T. */
        THROUGHPUT,
        /** Step time with a 10^4-id against a 10^6-id goods vocabulary. */
        VOCABULARY,
        /** Resident memory over {@code memorySteps} training steps. */
        MEMORY
    }

    public BenchmarkOptions {
        historyLengths = List.copyOf(historyLengths);
        parts = parts.isEmpty() ? EnumSet.noneOf(Part.class) : EnumSet.copyOf(parts);
        if (batchSize < 1 || threads < 1 || warmupSteps < 0 || measuredSteps < 1 || memoryWarmup < 0 || memorySteps < 1
                || historyLengths.isEmpty() || historyLengths.stream().anyMatch(t -> t < 1)) {
            throw new IllegalArgumentException("invalid benchmark options: " + this);
        }
    }

    /**
     * The setting: batch 256, histories 50 and 100, 2 threads, 2,000 steps of memory watch after 1,000
     * settling steps.
     */
    public static BenchmarkOptions standard() {
        return new BenchmarkOptions(256, List.of(50, 100), 2, 10, 50, 1000, 2000, EnumSet.allOf(Part.class));
    }

    /** A short run to check that everything works (seconds, not minutes). */
    public static BenchmarkOptions quick() {
        return new BenchmarkOptions(256, List.of(50), 2, 3, 10, 10, 100, EnumSet.allOf(Part.class));
    }
}
