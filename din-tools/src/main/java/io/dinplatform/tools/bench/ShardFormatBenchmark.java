package io.dinplatform.tools.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;

import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.SequenceColumn;
import io.dinplatform.core.data.Split;
import io.dinplatform.core.data.shard.ShardCodec;
import io.dinplatform.core.data.synthetic.SyntheticConfig;
import io.dinplatform.core.data.synthetic.SyntheticDataGenerator;
import io.dinplatform.core.schema.FeatureSpec;

/**
 * The shard format's speed: the same synthetic rows (the {@code synthetic} command's generator), cut into shards of
 * the worker's size, written as {@link ShardCodec} files (Arrow IPC) into a directory and read back, with every
 * check the worker runs, into the arrays a training batch is assembled from. Nothing is hashed (the worker hashes a
 * shard's bytes whatever its format).
 *
 * <p>Each round writes and reads every shard; the best round is reported. A first pass checks that the codec gives
 * back exactly the rows it was given.
 */
public final class ShardFormatBenchmark {

    /** The best round. */
    public record Result(long rows, int shards, long bytes, double writeSeconds, double readSeconds) {

        double writeRowsPerSecond() {
            return rows / writeSeconds;
        }

        double readRowsPerSecond() {
            return rows / readSeconds;
        }
    }

    private final SyntheticConfig config;
    private final int rowsPerShard;
    private final int rounds;
    private final PrintStream progress;

    public ShardFormatBenchmark(SyntheticConfig config, int rowsPerShard, int rounds, PrintStream progress) {
        this.config = config;
        this.rowsPerShard = rowsPerShard;
        this.rounds = rounds;
        this.progress = progress;
    }

    /** Runs the measurement in the directory (its files are deleted at the end) and prints the table. */
    public Result run(Path directory, PrintStream out) throws IOException {
        progress.println("generating " + config.users() + " users' samples ...");
        EncodedDataset data = SyntheticDataGenerator.generate(config);
        int[] order = IntStream.range(0, data.size()).toArray();
        int shards = (data.size() + rowsPerShard - 1) / rowsPerShard;
        EncodedDataset[] cut = new EncodedDataset[shards];
        for (int s = 0; s < shards; s++) {
            cut[s] = data.select(order, s * rowsPerShard, Math.min(data.size(), (s + 1) * rowsPerShard));
        }
        data = null;
        try {
            checkRoundTrip(cut[0], directory);
            Result best = null;
            for (int round = 1; round <= rounds; round++) {
                Result result = round(cut, directory);
                progress.printf(Locale.ROOT, "round %d: write %.2f s, read %.2f s%n", round, result.writeSeconds(),
                        result.readSeconds());
                best = best == null ? result : new Result(result.rows(), shards, result.bytes(),
                        Math.min(best.writeSeconds(), result.writeSeconds()),
                        Math.min(best.readSeconds(), result.readSeconds()));
            }
            print(out, best);
            return best;
        } finally {
            for (int s = 0; s < shards; s++) {
                Files.deleteIfExists(file(directory, s));
            }
        }
    }

    private static Result round(EncodedDataset[] shards, Path directory) throws IOException {
        long rows = 0;
        long bytes = 0;
        long start = System.nanoTime();
        for (int s = 0; s < shards.length; s++) {
            byte[] content = ShardCodec.write(shards[s]);
            Files.write(file(directory, s), content);
            bytes += content.length;
            rows += shards[s].size();
        }
        long written = System.nanoTime();
        long read = 0;
        for (int s = 0; s < shards.length; s++) {
            read += ShardCodec.read(Files.readAllBytes(file(directory, s)), Split.TRAIN, shards[s].schema(),
                    shards[s].vocabularies()).size();
        }
        long end = System.nanoTime();
        check(read == rows, "read " + read + " of " + rows + " rows");
        return new Result(rows, shards.length, bytes, seconds(written - start), seconds(end - written));
    }

    /** The codec gives back exactly the columns it was given. */
    private static void checkRoundTrip(EncodedDataset shard, Path directory) throws IOException {
        Path file = directory.resolve("round-trip.arrow");
        try {
            Files.write(file, ShardCodec.write(shard));
            EncodedDataset read = ShardCodec.read(Files.readAllBytes(file), Split.TRAIN, shard.schema(),
                    shard.vocabularies());
            checkEqual(shard, read);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void checkEqual(EncodedDataset expected, EncodedDataset actual) {
        check(Arrays.equals(expected.labels(), actual.labels()), "the labels differ");
        check(Arrays.equals(expected.groups(), actual.groups()), "the groups differ");
        for (FeatureSpec feature : expected.schema().categorical()) {
            check(Arrays.equals(expected.categorical().get(feature.name()), actual.categorical().get(feature.name())),
                    feature.name() + " differs");
        }
        for (FeatureSpec feature : expected.schema().sequences()) {
            SequenceColumn want = expected.sequences().get(feature.name());
            SequenceColumn got = actual.sequences().get(feature.name());
            check(Arrays.equals(want.offsets(), got.offsets()) && Arrays.equals(want.values(), got.values()),
                    feature.name() + " differs");
        }
        for (FeatureSpec feature : expected.schema().numeric()) {
            check(Arrays.equals(expected.numeric().get(feature.name()), actual.numeric().get(feature.name())),
                    feature.name() + " differs");
        }
    }

    private static void check(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException("the shard read back differs from the one written: " + problem);
        }
    }

    private static void print(PrintStream out, Result result) {
        out.printf(Locale.ROOT, "| format | rows | shards | bytes | write rows/s | read rows/s |%n");
        out.printf(Locale.ROOT, "| --- | ---: | ---: | ---: | ---: | ---: |%n");
        out.printf(Locale.ROOT, "| Arrow IPC (ShardCodec version %d) | %,d | %d | %,d | %,.0f | %,.0f |%n",
                ShardCodec.VERSION, result.rows(), result.shards(), result.bytes(), result.writeRowsPerSecond(),
                result.readRowsPerSecond());
    }

    private static Path file(Path directory, int shard) {
        return directory.resolve("shard-" + shard + ".arrow");
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
