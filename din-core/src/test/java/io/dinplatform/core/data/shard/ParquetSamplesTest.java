package io.dinplatform.core.data.shard;

import io.dinplatform.core.data.DataFormatException;
import io.dinplatform.core.data.encode.ShardedDatasetEncoder;
import io.dinplatform.core.data.samples.SamplesReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parquet as Spark writes it reads as the CSV of the same rows: the same checks, the same shards. */
class ParquetSamplesTest {

    /**
     * The columns of {@link ShardRoundTripTest#writeSamples}: one history as a Parquet list, the other as a joined
     * string, as both occur in practice.
     */
    private static final MessageType PARQUET = MessageTypeParser.parseMessageType("""
            message samples {
              required binary user_id (STRING);
              required binary item_id (STRING);
              optional binary cate_id (STRING);
              optional group hist_item_id (LIST) { repeated group list { optional binary element (STRING); } }
              optional binary hist_cate_id (STRING);
              optional float price;
              required int32 label;
            }
            """);

    @TempDir
    Path directory;

    @Test
    void parquetAndCsvOfTheSameRowsGiveTheSameShards() throws IOException {
        Path csv = ShardRoundTripTest.writeSamples(directory.resolve("samples.csv"), 700, 17);
        Path parquet = toParquet(csv, directory.resolve("samples.parquet"), CompressionCodecName.SNAPPY);
        ShardedDatasetEncoder encoder = new ShardedDatasetEncoder(ShardRoundTripTest.SCHEMA, 64);

        ShardManifest fromCsv = encoder.encode(csv, "k", new DirectoryShardStore(directory.resolve("csv")));
        ShardManifest fromParquet = encoder.encode(parquet, "k", new DirectoryShardStore(directory.resolve("pq")));

        assertThat(fromParquet.toJson()).isEqualTo(fromCsv.toJson());
        try (InputStream in = Files.newInputStream(parquet)) {
            assertThat(new SamplesReader(ShardRoundTripTest.SCHEMA).read(in, row -> { }))
                    .as("a streamed Parquet file reads as well").isEqualTo(700);
        }
    }

    @Test
    void aDamagedParquetFileIsBadDataNamingTheProblem() throws IOException {
        Path parquet = toParquet(ShardRoundTripTest.writeSamples(directory.resolve("s.csv"), 50, 3),
                directory.resolve("s.parquet"), CompressionCodecName.UNCOMPRESSED);
        byte[] bytes = Files.readAllBytes(parquet);
        Path truncated = Files.write(directory.resolve("truncated.parquet"), Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> new SamplesReader(ShardRoundTripTest.SCHEMA).read(truncated, row -> { }))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("Parquet");
    }

    /** Writes the CSV's rows as Parquet, each cell as the column's type (empty: null). */
    static Path toParquet(Path csv, Path parquet, CompressionCodecName codec) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        SimpleGroupFactory groups = new SimpleGroupFactory(PARQUET);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(parquet))
                .withType(PARQUET).withConf(new PlainParquetConfiguration()).withCompressionCodec(codec).build()) {
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",", -1);
                Group row = groups.newGroup().append("user_id", cells[0]).append("item_id", cells[1]);
                if (!cells[2].isEmpty()) {
                    row.append("cate_id", cells[2]);
                }
                Group history = row.addGroup("hist_item_id");
                for (String item : cells[3].isEmpty() ? new String[0] : cells[3].split("\\|")) {
                    history.addGroup("list").append("element", item);
                }
                row.append("hist_cate_id", cells[4]);
                if (!cells[5].isEmpty()) {
                    row.append("price", Float.parseFloat(cells[5]));
                }
                writer.write(row.append("label", Integer.parseInt(cells[6])));
            }
        }
        return parquet;
    }
}
