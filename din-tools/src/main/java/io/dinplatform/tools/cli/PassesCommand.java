package io.dinplatform.tools.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import ai.djl.Device;
import io.dinplatform.core.bundle.BundleReader;
import io.dinplatform.core.bundle.ModelBundle;
import io.dinplatform.tools.bench.ForwardPassBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** What served forward passes cost, by batch size and intra-op threads ({@link ForwardPassBenchmark}). */
@Command(name = "passes", mixinStandardHelpOptions = true,
        description = "Score a bundle's batches back to back on several threads, as the platform's batcher workers "
                + "do, for each batch size and intra-op thread count per pass; print instances/s and CPU per "
                + "instance (medians of the rounds).")
final class PassesCommand implements Callable<Integer> {

    @Option(names = "--bundle", required = true, description = "a model bundle (train --bundle writes one)")
    Path bundle;

    @Option(names = "--batches", split = ",", defaultValue = "1,4,16,64",
            description = "batch sizes; default ${DEFAULT-VALUE}")
    int[] batches;

    @Option(names = "--threads", split = ",", defaultValue = "1,2",
            description = "intra-op threads per pass; default ${DEFAULT-VALUE}")
    int[] threads;

    @Option(names = "--workers", defaultValue = "2",
            description = "threads scoring at once (din.serving.workers); default ${DEFAULT-VALUE}")
    int workers;

    @Option(names = "--seconds", defaultValue = "3", description = "measured per setting and round (as long again "
            + "unmeasured first); default ${DEFAULT-VALUE}")
    int seconds;

    @Option(names = "--rounds", defaultValue = "3", description = "rounds; medians are printed; default "
            + "${DEFAULT-VALUE}")
    int rounds;

    @Override
    public Integer call() throws Exception {
        try (ModelBundle model = BundleReader.read(bundle, null, Device.cpu())) {
            new ForwardPassBenchmark(model, batches, threads, workers, seconds, rounds).run(System.out, System.err);
        }
        return 0;
    }
}
