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
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The shard format measured against Arrow IPC: the same synthetic rows (the {@code synthetic} command's generator),
 * cut into shards of the worker's size, written as {@link ShardCodec} files and as Arrow IPC files (one record batch
 * each, {@link ArrowShards}) into a directory, and read back into the arrays a training batch is assembled from.
 * Both sides copy whole buffers; reading a {@code ShardCodec} shard also runs its checks (labels, offsets, index
 * ranges), which the Arrow side does not. Neither side hashes (the worker hashes a shard whatever its format).
 *
 * <p>Each round writes and reads every shard in both formats, alternating which goes first; the best round of each
 * is reported. A first pass checks that both formats give back exactly the rows they were given.
 */
public final class ShardFormatBenchmark {

    /** One format's best round. */
    public record Result(String format, long rows, long bytes, double writeSeconds, double readSeconds) {

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
    public Result[] run(Path directory, PrintStream out) throws IOException {
        progress.println("generating " + config.users() + " users' samples ...");
        EncodedDataset data = SyntheticDataGenerator.generate(config);
        int[] order = IntStream.range(0, data.size()).toArray();
        int shards = (data.size() + rowsPerShard - 1) / rowsPerShard;
        EncodedDataset[] cut = new EncodedDataset[shards];
        for (int s = 0; s < shards; s++) {
            cut[s] = data.select(order, s * rowsPerShard, Math.min(data.size(), (s + 1) * rowsPerShard));
        }
        data = null;
        try (BufferAllocator allocator = new RootAllocator()) {
            ArrowShards arrow = new ArrowShards(cut[0].schema(), allocator);
            checkRoundTrip(cut[0], arrow, directory);
            Result bestCodec = null;
            Result bestArrow = null;
            for (int round = 1; round <= rounds; round++) {
                boolean codecFirst = round % 2 == 1;
                Result first = codecFirst ? codec(cut, directory) : arrow(cut, arrow, directory);
                Result second = codecFirst ? arrow(cut, arrow, directory) : codec(cut, directory);
                Result codec = codecFirst ? first : second;
                Result arrowResult = codecFirst ? second : first;
                progress.printf(Locale.ROOT, "round %d: ShardCodec write %.2f s read %.2f s; Arrow IPC write %.2f s "
                        + "read %.2f s%n", round, codec.writeSeconds(), codec.readSeconds(),
                        arrowResult.writeSeconds(), arrowResult.readSeconds());
                bestCodec = best(bestCodec, codec);
                bestArrow = best(bestArrow, arrowResult);
            }
            print(out, bestCodec, bestArrow, shards);
            return new Result[] {bestCodec, bestArrow};
        } finally {
            deleteShards(directory, shards);
        }
    }

    private Result codec(EncodedDataset[] shards, Path directory) throws IOException {
        long rows = 0;
        long bytes = 0;
        long start = System.nanoTime();
        for (int s = 0; s < shards.length; s++) {
            byte[] content = ShardCodec.write(shards[s]);
            Files.write(codecFile(directory, s), content);
            bytes += content.length;
            rows += shards[s].size();
        }
        long written = System.nanoTime();
        long read = 0;
        for (int s = 0; s < shards.length; s++) {
            read += ShardCodec.read(Files.readAllBytes(codecFile(directory, s)), Split.TRAIN, shards[s].schema(),
                    shards[s].vocabularies()).size();
        }
        long end = System.nanoTime();
        check(read == rows, "ShardCodec read " + read + " of " + rows + " rows");
        return new Result("ShardCodec", rows, bytes, seconds(written - start), seconds(end - written));
    }

    private Result arrow(EncodedDataset[] shards, ArrowShards arrow, Path directory) throws IOException {
        long rows = 0;
        long bytes = 0;
        long start = System.nanoTime();
        for (int s = 0; s < shards.length; s++) {
            bytes += arrow.write(shards[s], arrowFile(directory, s));
            rows += shards[s].size();
        }
        long written = System.nanoTime();
        long read = 0;
        for (int s = 0; s < shards.length; s++) {
            read += arrow.read(arrowFile(directory, s), Split.TRAIN, shards[s].vocabularies()).size();
        }
        long end = System.nanoTime();
        check(read == rows, "Arrow IPC read " + read + " of " + rows + " rows");
        return new Result("Arrow IPC", rows, bytes, seconds(written - start), seconds(end - written));
    }

    /** Both formats give back exactly the columns they were given. */
    private static void checkRoundTrip(EncodedDataset shard, ArrowShards arrow, Path directory) throws IOException {
        Path codecFile = directory.resolve("round-trip.dins");
        Path arrowFile = directory.resolve("round-trip.arrow");
        try {
            Files.write(codecFile, ShardCodec.write(shard));
            arrow.write(shard, arrowFile);
            EncodedDataset fromCodec = ShardCodec.read(Files.readAllBytes(codecFile), Split.TRAIN, shard.schema(),
                    shard.vocabularies());
            EncodedDataset fromArrow = arrow.read(arrowFile, Split.TRAIN, shard.vocabularies());
            checkEqual(shard, fromCodec, "ShardCodec");
            checkEqual(shard, fromArrow, "Arrow IPC");
        } finally {
            Files.deleteIfExists(codecFile);
            Files.deleteIfExists(arrowFile);
        }
    }

    private static void checkEqual(EncodedDataset expected, EncodedDataset actual, String format) {
        check(Arrays.equals(expected.labels(), actual.labels()), format + ": the labels differ");
        check(Arrays.equals(expected.groups(), actual.groups()), format + ": the groups differ");
        for (FeatureSpec feature : expected.schema().categorical()) {
            check(Arrays.equals(expected.categorical().get(feature.name()), actual.categorical().get(feature.name())),
                    format + ": " + feature.name() + " differs");
        }
        for (FeatureSpec feature : expected.schema().sequences()) {
            SequenceColumn want = expected.sequences().get(feature.name());
            SequenceColumn got = actual.sequences().get(feature.name());
            check(Arrays.equals(want.offsets(), got.offsets()) && Arrays.equals(want.values(), got.values()),
                    format + ": " + feature.name() + " differs");
        }
        for (FeatureSpec feature : expected.schema().numeric()) {
            check(Arrays.equals(expected.numeric().get(feature.name()), actual.numeric().get(feature.name())),
                    format + ": " + feature.name() + " differs");
        }
    }

    private static void check(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException(problem);
        }
    }

    private static Result best(Result best, Result round) {
        if (best == null) {
            return round;
        }
        return new Result(round.format(), round.rows(), round.bytes(),
                Math.min(best.writeSeconds(), round.writeSeconds()), Math.min(best.readSeconds(), round.readSeconds()));
    }

    private static void print(PrintStream out, Result codec, Result arrow, int shards) {
        out.printf(Locale.ROOT, "| format | rows | shards | bytes | write rows/s | read rows/s |%n");
        out.printf(Locale.ROOT, "| --- | ---: | ---: | ---: | ---: | ---: |%n");
        for (Result result : new Result[] {codec, arrow}) {
            out.printf(Locale.ROOT, "| %s | %,d | %d | %,d | %,.0f | %,.0f |%n", result.format(), result.rows(), shards,
                    result.bytes(), result.writeRowsPerSecond(), result.readRowsPerSecond());
        }
        out.printf(Locale.ROOT, "%nArrow IPC / ShardCodec: write %.2f×, read %.2f×, bytes %.2f×%n",
                arrow.writeRowsPerSecond() / codec.writeRowsPerSecond(),
                arrow.readRowsPerSecond() / codec.readRowsPerSecond(), (double) arrow.bytes() / codec.bytes());
    }

    private static Path codecFile(Path directory, int shard) {
        return directory.resolve("shard-" + shard + ".dins");
    }

    private static Path arrowFile(Path directory, int shard) {
        return directory.resolve("shard-" + shard + ".arrow");
    }

    private static void deleteShards(Path directory, int shards) throws IOException {
        for (int s = 0; s < shards; s++) {
            Files.deleteIfExists(codecFile(directory, s));
            Files.deleteIfExists(arrowFile(directory, s));
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
