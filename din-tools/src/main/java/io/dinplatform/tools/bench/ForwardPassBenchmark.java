package io.dinplatform.tools.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.dinplatform.core.bundle.ModelBundle;
import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.serving.Scorer;

/**
 * What served forward passes cost on this machine: a bundle's {@link Scorer} scoring batches back to back on as
 * many threads as the platform's batcher workers ({@code din.serving.workers}), for each batch size and count of
 * intra-op threads per pass ({@code din.serving.engine-threads}): instances per second and process CPU per instance.
 * The settings take turns, round after round, and each figure is the median of its rounds, so that a machine whose
 * load moves moves every setting alike.
 *
 * @param bundle  the model
 * @param batches the batch sizes
 * @param threads the intra-op thread counts per pass
 * @param workers the threads scoring at once
 * @param seconds measured per setting and round (after as long again unmeasured)
 * @param rounds  rounds of every setting
 */
public record ForwardPassBenchmark(ModelBundle bundle, int[] batches, int[] threads, int workers, int seconds,
                                   int rounds) {

    private static final int INSTANCES = 64;

    /** One setting's medians. */
    private record Figure(int batch, int threads, double instancesPerSecond, double cpuMillisPerInstance) {
    }

    /** Measures every setting and prints the table to {@code out}, progress to {@code log}. */
    public void run(PrintStream out, PrintStream log) throws Exception {
        List<Map<String, Object>> instances = RandomInstances.of(bundle, Math.max(INSTANCES,
                Arrays.stream(batches).max().orElse(1)), 7);
        double[][][] rates = new double[batches.length][threads.length][rounds];
        double[][][] cpu = new double[batches.length][threads.length][rounds];
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            for (int round = 0; round < rounds; round++) {
                for (int b = 0; b < batches.length; b++) {
                    for (int t = 0; t < threads.length; t++) {
                        Scorer scorer = new Scorer(bundle, batches[b], workers, threads[t]);
                        EncodedDataset rows = scorer.encode(instances.subList(0, batches[b]));
                        measure(pool, scorer, rows, seconds); // unmeasured: the new scorer's first passes
                        double[] measured = measure(pool, scorer, rows, seconds);
                        rates[b][t][round] = measured[0];
                        cpu[b][t][round] = measured[1];
                        log.printf(Locale.ROOT, "round %d, batch %d, %d intra-op thread(s): %.0f instances/s, "
                                + "%.4f ms CPU each%n", round + 1, batches[b], threads[t], measured[0], measured[1]);
                    }
                }
            }
        } finally {
            pool.shutdown();
        }
        List<Figure> figures = new ArrayList<>();
        for (int b = 0; b < batches.length; b++) {
            for (int t = 0; t < threads.length; t++) {
                figures.add(new Figure(batches[b], threads[t], median(rates[b][t]), median(cpu[b][t])));
            }
        }
        print(figures, out);
    }

    /** [instances/s, CPU ms per instance] of the workers scoring {@code rows} back to back for the seconds. */
    private double[] measure(ExecutorService pool, Scorer scorer, EncodedDataset rows, int seconds)
            throws Exception {
        AtomicLong passes = new AtomicLong();
        long cpu = ProcessMeters.processCpuNanos();
        long started = System.nanoTime();
        long deadline = started + seconds * 1_000_000_000L;
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            running.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    scorer.score(rows, false);
                    passes.incrementAndGet();
                }
            }));
        }
        for (Future<?> worker : running) {
            worker.get();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        long scored = passes.get() * rows.size();
        return new double[] {scored / elapsed, (ProcessMeters.processCpuNanos() - cpu) / 1e6 / scored};
    }

    private void print(List<Figure> figures, PrintStream out) {
        out.printf(Locale.ROOT, "| batch | intra-op threads per pass | instances/s (%d workers) | CPU ms per instance "
                + "| instances/s vs %d thread(s) |%n", workers, threads[0]);
        out.println("| ---: | ---: | ---: | ---: | ---: |");
        for (Figure figure : figures) {
            Figure first = figures.stream().filter(f -> f.batch() == figure.batch()).findFirst().orElseThrow();
            out.printf(Locale.ROOT, "| %d | %d | %.0f | %.4f | %.2f |%n", figure.batch(), figure.threads(),
                    figure.instancesPerSecond(), figure.cpuMillisPerInstance(),
                    figure.instancesPerSecond() / first.instancesPerSecond());
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
