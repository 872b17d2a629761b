package io.dinplatform.tools.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.dinplatform.core.data.shard.ShardedDataset;
import io.dinplatform.core.data.synthetic.SyntheticConfig;
import io.dinplatform.tools.bench.ShardFormatBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The shard format's speed on the synthetic rows ({@link ShardFormatBenchmark}). */
@Command(name = "shard-format", mixinStandardHelpOptions = true,
        description = "Write and read the synthetic samples as shards (Arrow IPC files); print rows/s and bytes. "
                + "Arrow needs --add-opens=java.base/java.nio=ALL-UNNAMED on Java 17, as every command that "
                + "writes or reads shards.")
final class ShardFormatCommand implements Callable<Integer> {

    @Option(names = "--users", defaultValue = "100000",
            description = "users of the synthetic generator (10 rows each); default ${DEFAULT-VALUE} (1 M rows)")
    int users;

    @Option(names = "--history", defaultValue = "50", description = "the longest history; default ${DEFAULT-VALUE}")
    int history;

    @Option(names = "--rows-per-shard", defaultValue = "" + ShardedDataset.DEFAULT_ROWS_PER_SHARD,
            description = "rows per shard; default ${DEFAULT-VALUE} (the worker's)")
    int rowsPerShard;

    @Option(names = "--rounds", defaultValue = "3", description = "rounds; the best is reported; default "
            + "${DEFAULT-VALUE}")
    int rounds;

    @Option(names = "--dir", description = "where the files go (default: a new temporary directory, removed after)")
    Path directory;

    @Override
    public Integer call() throws Exception {
        SyntheticConfig d = SyntheticConfig.defaults();
        SyntheticConfig config = new SyntheticConfig(users, d.items(), d.categories(), d.interestsPerUser(), history,
                d.samplesPerUser(), d.labelNoise(), d.seed());
        Path into = directory != null ? directory : Files.createTempDirectory("din-shard-format-");
        try {
            new ShardFormatBenchmark(config, rowsPerShard, rounds, System.err).run(into, System.out);
        } finally {
            if (directory == null) {
                Files.deleteIfExists(into);
            }
        }
        return 0;
    }
}
