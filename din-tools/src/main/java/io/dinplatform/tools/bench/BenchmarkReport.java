package io.dinplatform.tools.bench;

import io.dinplatform.core.device.NativeHeap;

import java.util.List;

/**
 * What one benchmark run measured.
 *
 * @param loadAverage  the machine's 1-minute load average at the start and the end (other processes compete for
 *                     the same cores: numbers taken under load understate the engine)
 * @param threads      intra-op threads
 * @param batchSize    rows per batch
 * @param matmul       GFLOP/s per DIN-shaped product at the first history length, and the 2048² reference
 * @param histories    one entry per history length
 * @param vocabulary   step times with small and large goods vocabularies (null if skipped)
 * @param memory       resident memory over a long training run (null if skipped)
 */
public record BenchmarkReport(String loadAverage, int threads, int batchSize, List<MatmulProbe.Rate> matmul, double squareGflops,
                              List<HistoryResult> histories, VocabularyResult vocabulary, MemoryResult memory) {

    /**
     * @param historyLength          T
     * @param matmulGflops           the combined rate of this T's DIN-shaped products
     * @param forwardFlopsPerSample  counted from the layer shapes
     * @param trainingSamplesPerSec  achieved
     * @param inferenceSamplesPerSec achieved
     * @param forwardMs              lookup + forward per training step
     * @param backwardMs             backward per training step
     * @param optimizerMs            clipping, MBA and the sparse/dense updates per step
     */
    public record HistoryResult(int historyLength, double matmulGflops, double forwardFlopsPerSample,
                                double trainingSamplesPerSec, double inferenceSamplesPerSec, double forwardMs,
                                double backwardMs, double optimizerMs) {

        public double trainingUtilisation() {
            return trainingSamplesPerSec * 3 * forwardFlopsPerSample / (matmulGflops * 1e9);
        }

        public double inferenceUtilisation() {
            return inferenceSamplesPerSec * forwardFlopsPerSample / (matmulGflops * 1e9);
        }
    }

    /**
     * One vocabulary case of the step-time check.
     *
     * @param vocabulary    goods ids in the table
     * @param distinctGoods distinct goods ids per batch: the rows a step gathers and updates
     * @param stepMs        wall-clock milliseconds per training step
     * @param cpuMs         process CPU milliseconds per training step
     */
    public record VocabularyCase(int vocabulary, double distinctGoods, double stepMs, double cpuMs) {
    }

    /**
     * Step times with a small table, a large one touched at as many rows per batch (the table's size alone), and a
     * large one with ids drawn from all of it (more rows per batch).
     */
    public record VocabularyResult(VocabularyCase small, VocabularyCase spread, VocabularyCase uniform) {

        /** The target's ratio: the same rows per batch, a table 100 times larger. */
        public double spreadRatio() {
            return spread.stepMs() / small.stepMs();
        }

        public double spreadCpuRatio() {
            return spread.cpuMs() / small.cpuMs();
        }

        public double uniformRatio() {
            return uniform.stepMs() / small.stepMs();
        }

        public double uniformCpuRatio() {
            return uniform.cpuMs() / small.cpuMs();
        }

        String toMarkdown() {
            StringBuilder out = new StringBuilder();
            out.append("| goods table | goods ids drawn | distinct goods per batch | ms per step | CPU ms per step "
                    + "| wall / CPU ratio to the small table |\n| ---: | --- | ---: | ---: | ---: | --- |\n");
            row(out, small, "all", "1 / 1");
            row(out, spread, "10^4, spread", String.format("%.3f / %.3f", spreadRatio(), spreadCpuRatio()));
            row(out, uniform, "all", String.format("%.3f / %.3f", uniformRatio(), uniformCpuRatio()));
            return out.toString();
        }

        private static void row(StringBuilder out, VocabularyCase c, String drawn, String ratio) {
            out.append(String.format("| %,d | %s | %.0f | %.1f | %.1f | %s |%n", c.vocabulary(), drawn,
                    c.distinctGoods(), c.stepMs(), c.cpuMs(), ratio));
        }
    }

    /**
     * Resident set size in MiB after {@code warmupSteps} settling steps, at the end, and the highest sample, over
     * {@code steps} steps, with the Java heap's committed size at the end (a growing heap shows in the resident set
     * unless {@code -Xms} equals {@code -Xmx} and {@code -XX:+AlwaysPreTouch} touches it up front), and the C
     * library allocator's bytes in use at the start and the end and free at the end ({@link NativeHeap}; NaN where
     * it is not glibc): a leak grows the bytes in use, pages the allocator keeps grow only the free ones.
     */
    public record MemoryResult(int warmupSteps, int steps, double startMib, double endMib, double maxMib,
                               List<Double> samples, double heapCommittedMib, double mallocInUseStartMib,
                               double mallocInUseEndMib, double mallocFreeEndMib) {
    }

    /** The report as the table recorded in docs/benchmark-results.md. */
    public String toMarkdown() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("threads %d, batch %d, load average %s%n%n", threads, batchSize, loadAverage));
        if (!histories.isEmpty()) {
            out.append("| matrix product | GFLOP/s |\n| --- | ---: |\n");
            matmul.forEach(r -> out.append(String.format("| %s | %.1f |%n", r.product().name(), r.gflops())));
            out.append(String.format("| 2048 × 2048 · 2048 × 2048 (reference) | %.1f |%n%n", squareGflops));
            out.append("| T | matmul GFLOP/s | MFLOP/sample (fwd) | train samples/s | train util. | "
                    + "infer samples/s | infer util. | fwd / bwd / opt ms per step |\n");
            out.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
            for (HistoryResult h : histories) {
                out.append(String.format("| %d | %.1f | %.2f | %.0f | %.1f %% | %.0f | %.1f %% | %.1f / %.1f / %.1f |%n",
                        h.historyLength(), h.matmulGflops(), h.forwardFlopsPerSample() / 1e6,
                        h.trainingSamplesPerSec(), 100 * h.trainingUtilisation(), h.inferenceSamplesPerSec(),
                        100 * h.inferenceUtilisation(), h.forwardMs(), h.backwardMs(), h.optimizerMs()));
            }
        }
        if (vocabulary != null) {
            out.append('\n').append(vocabulary.toMarkdown());
        }
        if (memory != null) {
            out.append(String.format("%nresident memory over %,d training steps after %,d settling steps: %.0f MiB at "
                            + "the start, %.0f MiB at the end, %.0f MiB at most (Java heap committed: %.0f MiB); "
                            + "samples: %s; C allocator in use: %.1f MiB at the start, %.1f MiB at the end "
                            + "(%.0f MiB held free)%n", memory.steps(), memory.warmupSteps(), memory.startMib(),
                    memory.endMib(), memory.maxMib(), memory.heapCommittedMib(), memory.samples().stream()
                            .map(m -> String.format("%.0f", m)).toList(), memory.mallocInUseStartMib(),
                    memory.mallocInUseEndMib(), memory.mallocFreeEndMib()));
        }
        return out.toString();
    }
}
