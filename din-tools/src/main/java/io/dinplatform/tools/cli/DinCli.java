package io.dinplatform.tools.cli;

import io.dinplatform.core.device.NativeAllocator;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line for local work without the platform: build a samples dataset from raw logs (or generate the
 * synthetic one), train and evaluate a model, and benchmark the training engine.
 */
@Command(name = "din", mixinStandardHelpOptions = true, version = "din-core 0.1.0",
        description = "Deep Interest Network: build datasets, train and evaluate models, benchmark the engine.",
        subcommands = {BuildCommand.class, SyntheticCommand.class, ParquetCommand.class, TrainCommand.class,
                BenchmarkCommand.class, ShardFormatCommand.class, PassesCommand.class})
public final class DinCli implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // The four PyTorch jars carry the native libraries: the engine never needs to download anything.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        NativeAllocator.tuneForEngineWorkloads();
        System.exit(new CommandLine(new DinCli()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
