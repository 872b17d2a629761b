package io.dinplatform.tools.cli;

import io.dinplatform.core.data.synthetic.SyntheticConfig;
import io.dinplatform.core.data.synthetic.SyntheticDataGenerator;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSchemaJson;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class DinCliTest {

    @TempDir
    Path dir;

    @Test
    void trainPrintsValidationAndTestMetricsAsJsonAndWritesABundle() throws Exception {
        Synthetic data = synthetic(new SyntheticConfig(300, 200, 10, 2, 10, 8, 0.1, 3));
        Path samples = data.samples();
        Path schema = data.schema();
        Path bundle = dir.resolve("model.zip");

        Run run = execute("train", "--samples", samples.toString(), "--schema", schema.toString(), "--epochs", "2",
                "--threads", "1", "--quiet", "--decoupled", "false", "--bundle", bundle.toString());

        assertThat(run.exitCode).as(run.output).isZero();
        JsonNode json = JsonMapper.builder().build().readTree(run.output);
        assertThat(json.get("model").asString()).isEqualTo("DIN");
        assertThat(json.get("epochs").asInt()).isEqualTo(2);
        assertThat(json.get("test").get("auc").asDouble()).isBetween(0.5, 1.0);
        assertThat(json.get("test").get("gauc").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.get("validation").get("logloss").asDouble()).isPositive();
        assertThat(bundle).isNotEmptyFile();
    }

    @Test
    void trainWithShardsEncodesOnceAndTrainsAsInMemory() throws Exception {
        Synthetic data = synthetic(new SyntheticConfig(300, 200, 10, 2, 10, 8, 0.1, 5));
        Path samples = data.samples();
        Path schema = data.schema();
        String[] common = {"train", "--samples", samples.toString(), "--schema", schema.toString(), "--epochs", "1",
                "--threads", "1", "--quiet", "--rows-per-shard", "500", "--shuffle-buffer-rows", "1000"};
        String shards = dir.resolve("shards").toString();
        JsonMapper json = JsonMapper.builder().build();

        JsonNode first = json.readTree(execute(with(common, "--shards", shards)).output);
        JsonNode second = json.readTree(execute(with(common, "--shards", shards)).output);
        JsonNode inMemory = json.readTree(execute(common).output);

        assertThat(first.get("prepare").get("encoding").asString()).startsWith("encoded into");
        assertThat(second.get("prepare").get("encoding").asString()).isEqualTo("reused (encoding skipped)");
        assertThat(second.get("prepare").get("rows").asLong()).isEqualTo(2_400);
        assertThat(inMemory.get("prepare").get("encoding").asString()).isEqualTo("in memory");
        assertThat(second.get("test")).as("the same shards, read back or cut in memory, train alike")
                .isEqualTo(first.get("test")).isEqualTo(inMemory.get("test"));
        assertThat(second.get("memory").get("peakMib").asLong())
                .isGreaterThanOrEqualTo(second.get("memory").get("idleMib").asLong());
    }

    /** The synthetic generator's samples and their schema, written into the test's directory. */
    private record Synthetic(Path samples, Path schema) {
    }

    private Synthetic synthetic(SyntheticConfig config) throws IOException {
        Synthetic files = new Synthetic(dir.resolve("samples.csv"), dir.resolve("schema.json"));
        try (OutputStream out = Files.newOutputStream(files.samples())) {
            Files.writeString(files.schema(), FeatureSchemaJson.toJson(SyntheticDataGenerator.write(config, out)));
        }
        return files;
    }

    private static String[] with(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    @Test
    void syntheticWritesTheGeneratorsSamplesAndSchema() throws Exception {
        Path samples = dir.resolve("synthetic.csv");

        Run generated = execute("synthetic", "--out", samples.toString(), "--seed", "3");

        assertThat(generated.exitCode).as(generated.errors).isZero();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        FeatureSchema schema = SyntheticDataGenerator.write(SyntheticConfig.defaults().withSeed(3), expected);
        assertThat(Files.readAllBytes(samples)).isEqualTo(expected.toByteArray());
        assertThat(FeatureSchemaJson.parse(Files.readString(Path.of(samples + ".schema.json")))).isEqualTo(schema);
    }

    @Test
    void buildTurnsMovieLensLogsIntoSamplesAndASchema() throws Exception {
        Path movieLens = Path.of(System.getProperty("din.shared.dir", "../shared"), "data", "movielens-100k");
        if (!Files.isRegularFile(movieLens.resolve("u.data"))) {
            System.err.println("*** SKIPPED: MovieLens 100K not found at " + movieLens.toAbsolutePath() + " ***");
            Assumptions.abort("MovieLens 100K not found at " + movieLens.toAbsolutePath());
        }
        Path samples = dir.resolve("movielens.csv");

        Run run = execute("build", "--protocol", "RATING_THRESHOLD", "--interactions",
                movieLens.resolve("u.data").toString(), "--items", movieLens.resolve("u.item").toString(), "--out",
                samples.toString());

        assertThat(run.exitCode).as(run.output).isZero();
        JsonNode json = JsonMapper.builder().build().readTree(run.output);
        assertThat(json.get("rows").asLong()).isEqualTo(100_000);
        assertThat(Files.readAllLines(samples)).hasSize(100_001);
        FeatureSchema schema = FeatureSchemaJson.parse(Files.readString(Path.of(samples + ".schema.json")));
        assertThat(schema.maxHistoryLength()).isEqualTo(50);
    }

    @Test
    void shardFormatWritesAndReadsTheSyntheticRowsAsArrowShardsAndRemovesThem() throws Exception {
        Run run = execute("shard-format", "--users", "300", "--history", "10", "--rows-per-shard", "1000",
                "--rounds", "1", "--dir", dir.toString());

        assertThat(run.exitCode).as(run.errors).isZero();
        assertThat(run.output).contains("| Arrow IPC (ShardCodec version 2) | 3,000 | 3 |");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("the shard files are removed").isEmpty();
        }
    }

    @Test
    void passesScoresATrainedBundlesBatchesForEverySettingAndPrintsTheirRates() throws Exception {
        Synthetic data = synthetic(new SyntheticConfig(200, 100, 10, 2, 10, 8, 0.1, 3));
        Path bundle = dir.resolve("model.zip");
        assertThat(execute("train", "--samples", data.samples().toString(), "--schema", data.schema().toString(),
                "--epochs", "1", "--threads", "1", "--quiet", "--bundle", bundle.toString()).exitCode).isZero();

        Run run = execute("passes", "--bundle", bundle.toString(), "--batches", "1,8", "--threads", "1,2",
                "--seconds", "1", "--rounds", "1");

        assertThat(run.exitCode).as(run.errors).isZero();
        List<String> rows = run.output.lines().filter(line -> line.matches("\\| \\d+ \\| \\d+ \\|.*")).toList();
        assertThat(rows).extracting(row -> row.split("\\|")[1].trim() + "x" + row.split("\\|")[2].trim())
                .containsExactly("1x1", "1x2", "8x1", "8x2");
        assertThat(rows).allSatisfy(row -> assertThat(Double.parseDouble(row.split("\\|")[3].trim()))
                .as("instances/s").isPositive());
    }

    @Test
    void aBadOptionIsReportedWithUsage() {
        Run run = execute("train", "--samples", "x.csv", "--schema", "s.json", "--optimizer", "RMSPROP");
        assertThat(run.exitCode).isNotZero();
        assertThat(run.errors).contains("--optimizer").contains("RMSPROP");
    }

    private record Run(int exitCode, String output, String errors) {
    }

    private static Run execute(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            CommandLine commandLine = new CommandLine(new DinCli());
            commandLine.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
            int code = commandLine.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
        }
    }
}
