package io.dinplatform.tools.cli;

import io.dinplatform.tools.bench.BenchmarkOptions;
import io.dinplatform.tools.bench.BenchmarkReport;
import io.dinplatform.tools.bench.DinBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** Runs {@link DinBenchmark} and prints its table (markdown). */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Measure matmul rate, FLOPs per sample, training and inference throughput, utilisation, "
                + "vocabulary independence and memory.")
final class BenchmarkCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "a short run (one history length, few steps)")
    boolean quick;

    @Option(names = "--threads", description = "engine intra-op threads (default 2)")
    Integer threads;

    @Option(names = "--history", split = ",", description = "history lengths, e.g. 50,100")
    List<Integer> histories;

    @Option(names = "--memory-steps", description = "training steps of the memory run (default 2000)")
    Integer memorySteps;

    @Option(names = "--memory-warmup", description = "training steps before the memory run's first sample "
            + "(default 1000)")
    Integer memoryWarmup;

    @Option(names = "--parts", split = ",",
            description = "which measurements: THROUGHPUT, VOCABULARY, MEMORY (default: all)")
    Set<BenchmarkOptions.Part> parts;

    @Option(names = "--markdown", description = "also write the result table to this file")
    Path markdown;

    @Override
    public Integer call() throws Exception {
        BenchmarkOptions base = quick ? BenchmarkOptions.quick() : BenchmarkOptions.standard();
        BenchmarkOptions options = new BenchmarkOptions(base.batchSize(),
                histories != null ? histories : base.historyLengths(),
                threads != null ? threads : base.threads(), base.warmupSteps(), base.measuredSteps(),
                memoryWarmup != null ? memoryWarmup : base.memoryWarmup(), memorySteps != null ? memorySteps : base.memorySteps(), parts != null ? parts : base.parts());
        BenchmarkReport report = new DinBenchmark(options, System.err).run();
        String table = report.toMarkdown();
        System.out.println(table);
        if (markdown != null) {
            Files.writeString(markdown, table);
        }
        return 0;
    }
}
