package io.dinplatform.api.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import io.dinplatform.api.MultipartForm;
import io.dinplatform.api.PlatformApiTest;
import io.dinplatform.api.SamplesCsv;
import io.dinplatform.registry.artifact.Sha256;
import io.dinplatform.registry.dataset.DatasetObject;
import io.dinplatform.registry.dataset.DatasetRepository;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

import static io.dinplatform.api.SamplesCsv.SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dataset registered by reference to files below the allowed directory: read once, counted as one file, pinned
 * by each file's SHA-256, never copied; and every bad reference refused with nothing recorded.
 */
class DatasetReferenceTest extends PlatformApiTest {

    @Autowired
    DatasetRepository datasets;

    @Test
    void aDirectoryOfPartsBecomesAVersionWithTheStatisticsOfTheWholeFile() throws Exception {
        String name = uniqueName();
        Path parts = Files.createDirectories(REFERENCED_DIR.resolve(name));
        String whole = SamplesCsv.rows(60, 3);
        String[] lines = whole.split("\n");
        String header = lines[0];
        Files.write(parts.resolve("part-00000.csv"), SamplesCsv.bytes(header + "\n"
                + String.join("\n", java.util.Arrays.copyOfRange(lines, 1, 25)) + "\n"));
        Files.write(parts.resolve("part-00001.csv.gz"), SamplesCsv.gzip(header + "\n"
                + String.join("\n", java.util.Arrays.copyOfRange(lines, 25, lines.length)) + "\n"));
        Files.writeString(parts.resolve("_SUCCESS"), "");
        long artifactsBefore = countFiles(DATA_DIR.resolve("artifacts"));

        ResponseEntity<JsonNode> response = reference(name, "local:" + name);

        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(201);
        JsonNode version = response.getBody();
        JsonNode uploaded = upload(uniqueName(), SCHEMA, SamplesCsv.bytes(whole), "whole.csv").getBody();
        assertThat(version.get("rows").asLong()).isEqualTo(60);
        assertThat(version.get("stats")).isEqualTo(uploaded.get("stats"));
        assertThat(version.get("origin").get("kind").asString()).isEqualTo("reference");
        assertThat(version.get("origin").get("objects").asInt()).isEqualTo(2);
        assertThat(version.get("origin").get("references").get(0).asString()).isEqualTo("local:" + name);
        var objects = datasets.findObjects(datasets.findVersion(name, 1).orElseThrow().id());
        assertThat(objects).extracting(DatasetObject::location)
                .containsExactly("local:" + name + "/part-00000.csv", "local:" + name + "/part-00001.csv.gz");
        assertThat(objects.get(1).sizeBytes()).isEqualTo(Files.size(parts.resolve("part-00001.csv.gz")));
        assertThat(version.get("sha256").asString()).isEqualTo(DatasetObject.listingSha256(objects));
        assertThat(countFiles(DATA_DIR.resolve("artifacts"))).as("nothing copied but the upload")
                .isEqualTo(artifactsBefore + 1);

        JsonNode users = get("/api/v1/datasets/" + name + "/versions/1/users").getBody();
        assertThat(users.get("users")).hasSize(10);
    }

    @Test
    void badReferencesAreProblemsThatRecordNothing() throws Exception {
        String name = uniqueName();
        Path parts = Files.createDirectories(REFERENCED_DIR.resolve(name));
        Files.write(parts.resolve("good.csv"), SamplesCsv.bytes(SamplesCsv.rows(10, 0)));
        Files.write(parts.resolve("bad.csv"), SamplesCsv.bytes(SamplesCsv.rows(10, 0).replace(",1\n", ",7\n")));
        Files.writeString(DATA_DIR.resolve("outside.csv"), SamplesCsv.rows(10, 0));
        Files.createSymbolicLink(parts.resolve("link.csv"), DATA_DIR.resolve("outside.csv"));

        for (String refused : new String[] {"local:../outside.csv", "local:" + DATA_DIR.resolve("outside.csv"),
                "local:" + name + "/link.csv", "local:" + name + "/missing.csv", "s3://bucket/key.csv",
                "http://example.com/x.csv"}) {
            JsonNode problem = assertProblem(reference(name, refused), 400);
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("reference");
            assertThat(problem.get("detail").asString()).contains(refused);
        }
        JsonNode invalidData = assertProblem(reference(name, "local:" + name + "/good.csv",
                "local:" + name + "/bad.csv"), 422);
        assertThat(invalidData.get("detail").asString()).contains("bad.csv");
        JsonNode both = assertProblem(postMultipart("/api/v1/datasets", new MultipartForm().field("name", name)
                .json("schema", SCHEMA).field("reference", "local:" + name + "/good.csv")
                .file("file", SamplesCsv.bytes(SamplesCsv.rows(5, 0)), "s.csv")), 400);
        assertThat(both.get("detail").asString()).contains("either");

        assertThat(datasets.findVersions(name)).isEmpty();
    }

    @Test
    void parquetUploadedOrReferencedGivesTheStatisticsOfTheCsvOfTheSameRows() throws Exception {
        String csv = SamplesCsv.rows(40, 5);
        JsonNode fromCsv = upload(uniqueName(), SCHEMA, SamplesCsv.bytes(csv), "s.csv").getBody();
        Path parquet = REFERENCED_DIR.resolve(uniqueName() + ".parquet");
        writeParquet(csv, parquet);

        ResponseEntity<JsonNode> uploaded = upload(uniqueName(), SCHEMA, Files.readAllBytes(parquet), "s.parquet");
        ResponseEntity<JsonNode> referenced = reference(uniqueName(), "local:" + parquet.getFileName());

        assertThat(uploaded.getStatusCode().value()).as("%s", uploaded.getBody()).isEqualTo(201);
        assertThat(referenced.getStatusCode().value()).as("%s", referenced.getBody()).isEqualTo(201);
        assertThat(uploaded.getBody().get("stats")).isEqualTo(fromCsv.get("stats"));
        assertThat(referenced.getBody().get("stats")).isEqualTo(fromCsv.get("stats"));
        assertThat(uploaded.getBody().get("sha256").asString()).as("stored as uploaded")
                .isEqualTo(Sha256.of(Files.newInputStream(parquet)));
    }

    /** The rows of a {@link SamplesCsv} file as Parquet: histories as lists, the label an integer. */
    private static void writeParquet(String csv, Path parquet) throws IOException {
        MessageType type = MessageTypeParser.parseMessageType("""
                message samples {
                  required binary user_id (STRING); required binary item_id (STRING); required binary cate_id (STRING);
                  optional group hist_item_id (LIST) { repeated group list { optional binary element (STRING); } }
                  optional group hist_cate_id (LIST) { repeated group list { optional binary element (STRING); } }
                  required int32 label;
                }
                """);
        SimpleGroupFactory groups = new SimpleGroupFactory(type);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(parquet)).withType(type)
                .withConf(new PlainParquetConfiguration()).build()) {
            String[] lines = csv.split("\n");
            for (int i = 1; i < lines.length; i++) {
                String[] cells = lines[i].split(",", -1);
                Group row = groups.newGroup().append("user_id", cells[0]).append("item_id", cells[1])
                        .append("cate_id", cells[2]);
                for (int h = 3; h <= 4; h++) {
                    Group history = row.addGroup(h == 3 ? "hist_item_id" : "hist_cate_id");
                    for (String value : cells[h].isEmpty() ? new String[0] : cells[h].split("\\|")) {
                        history.addGroup("list").append("element", value);
                    }
                }
                writer.write(row.append("label", Integer.parseInt(cells[5])));
            }
        }
    }

    private ResponseEntity<JsonNode> reference(String name, String... references) {
        MultipartForm form = new MultipartForm().field("name", name).json("schema", SCHEMA);
        for (String reference : references) {
            form.field("reference", reference);
        }
        return postMultipart("/api/v1/datasets", form);
    }

    private static long countFiles(Path directory) throws IOException {
        try (var files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static String uniqueName() {
        return "ref-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
