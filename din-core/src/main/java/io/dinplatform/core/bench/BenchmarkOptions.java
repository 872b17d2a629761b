package io.dinplatform.core.bench;

import java.util.List;

/**
 * What {@link DinBenchmark} measures and for how long.
 *
 * @param batchSize        rows per mini-batch
 * @param historyLengths   the fixed history lengths T to measure
 * @param threads          the engine's intra-op threads
 * @param warmupSteps      untimed steps before each measurement
 * @param measuredSteps    timed steps per measurement
 * @param memorySteps      training steps of the resident-memory run (0 skips it)
 * @param vocabularyCheck  whether to compare step times with 10^4 and 10^6 goods ids
 */
public record BenchmarkOptions(int batchSize, List<Integer> historyLengths, int threads, int warmupSteps,
                               int measuredSteps, int memorySteps, boolean vocabularyCheck) {

    public BenchmarkOptions {
        historyLengths = List.copyOf(historyLengths);
        if (batchSize < 1 || threads < 1 || warmupSteps < 0 || measuredSteps < 1 || memorySteps < 0
                || historyLengths.isEmpty() || historyLengths.stream().anyMatch(t -> t < 1)) {
            throw new IllegalArgumentException("invalid benchmark options: " + this);
        }
    }

    /** The setting: batch 256, histories 50 and 100, 2 threads, 2,000 steps of memory watch. */
    public static BenchmarkOptions standard() {
        return new BenchmarkOptions(256, List.of(50, 100), 2, 20, 100, 2000, true);
    }

    /** A short run to check that everything works (seconds, not minutes). */
    public static BenchmarkOptions quick() {
        return new BenchmarkOptions(256, List.of(50), 2, 3, 10, 100, true);
    }
}
