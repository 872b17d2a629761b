package io.dinplatform.api.dataset;

import java.nio.file.Path;
import java.util.List;

import io.dinplatform.api.PlatformApiTest;
import io.dinplatform.api.SamplesCsv;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import io.dinplatform.api.MultipartForm;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;

import static io.dinplatform.api.SamplesCsv.HEADER;
import static io.dinplatform.api.SamplesCsv.SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad upload gets a problem with the right status and a precise report, and leaves nothing behind:
 * no dataset row, no version row, no artifact, no temporary file.
 */
class BadUploadTest extends PlatformApiTest {

    private String name;
    private long datasetsBefore;
    private long versionsBefore;
    private List<Path> artifactsBefore;

    @BeforeEach
    void rememberWhatIsStored() {
        name = DatasetUploadTest.uniqueName();
        datasetsBefore = count("datasets");
        versionsBefore = count("dataset_versions");
        artifactsBefore = artifactFiles();
    }

    @AfterEach
    void nothingWasStored() {
        assertThat(count("datasets")).as("dataset rows").isEqualTo(datasetsBefore);
        assertThat(count("dataset_versions")).as("version rows").isEqualTo(versionsBefore);
        assertThat(artifactFiles()).as("files in the artifact store").isEqualTo(artifactsBefore);
        assertThat(get("/api/v1/datasets/" + name + "/versions/latest").getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void aMalformedRowIsReportedWithItsRowAndColumn() {
        String csv = SamplesCsv.rows(5, 0) + "u1,i1,c1,i2|i3\n" + SamplesCsv.rows(3, 0).substring(HEADER.length() + 1);

        JsonNode problem = assertProblem(upload(name, SCHEMA, SamplesCsv.bytes(csv), "s.csv"), 422);

        JsonNode error = problem.get("errors").get(0);
        assertThat(error.get("row").asLong()).isEqualTo(6);
        assertThat(problem.get("detail").asString()).contains("row 6");
        assertThat(error.get("reason").asString()).isNotBlank();
    }

    @Test
    void anUnterminatedQuoteIsReported() {
        String csv = SamplesCsv.rows(3, 0) + "u1,\"i1,c1,,,1\n";

        JsonNode problem = assertProblem(upload(name, SCHEMA, SamplesCsv.bytes(csv), "s.csv"), 422);

        assertThat(problem.get("errors").get(0).get("row").asLong()).isEqualTo(4);
    }

    @Test
    void aHeaderWithoutASchemaColumnIsReported() {
        String csv = SamplesCsv.rows(5, 0).replace("cate_id,", "category,");

        JsonNode problem = assertProblem(upload(name, SCHEMA, SamplesCsv.bytes(csv), "s.csv"), 422);

        JsonNode error = problem.get("errors").get(0);
        assertThat(error.get("row").asLong()).isZero();
        assertThat(problem.get("detail").asString()).contains("cate_id");
    }

    @Test
    void aLabelThatIsNotZeroOrOneIsReported() {
        String csv = SamplesCsv.rows(4, 0) + "u1,i1,c1,i2,c2,2\n";

        JsonNode problem = assertProblem(upload(name, SCHEMA, SamplesCsv.bytes(csv), "s.csv"), 422);

        JsonNode error = problem.get("errors").get(0);
        assertThat(error.get("row").asLong()).isEqualTo(5);
        assertThat(error.get("column").asString()).isEqualTo("label");
    }

    @Test
    void anEmptyFileIsReported() {
        JsonNode problem = assertProblem(upload(name, SCHEMA, new byte[0], "s.csv"), 422);

        assertThat(problem.get("detail").asString()).containsIgnoringCase("empty");
    }

    @Test
    void aHeaderOnlyFileIsReported() {
        assertProblem(upload(name, SCHEMA, SamplesCsv.bytes(HEADER + "\n"), "s.csv"), 422);
    }

    @Test
    void aFileWithAnotherDelimiterIsReported() {
        String csv = SamplesCsv.rows(5, 0).replace(',', ';');

        JsonNode problem = assertProblem(upload(name, SCHEMA, SamplesCsv.bytes(csv), "s.csv"), 422);

        assertThat(problem.get("detail").asString()).contains(";");
    }

    @Test
    void sequencesWithAnotherDelimiterThanTheSchemasAreReported() {
        String csv = SamplesCsv.rows(5, 0).replace('|', '^');

        JsonNode problem = assertProblem(upload(name, SCHEMA, SamplesCsv.bytes(csv), "s.csv"), 422);

        assertThat(problem.get("errors").get(0).get("column").asString()).startsWith("hist_");
    }

    @Test
    void anUploadOverTheLimitIsRefusedWith413() {
        int limit = (int) DataSize.parse(MAX_UPLOAD).toBytes();
        StringBuilder csv = new StringBuilder(SamplesCsv.rows(1, 0));
        String row = "u1,i1,c1,i2|i3,c2|c3,1\n";
        while (csv.length() <= limit + 64 * 1024) {
            csv.append(row);
        }

        JsonNode problem = assertProblem(upload(name, SCHEMA, SamplesCsv.bytes(csv.toString()), "s.csv"), 413);

        assertThat(problem.get("maxUploadBytes").asLong()).isEqualTo(limit);
    }

    @Test
    void aSchemaThatIsNotJsonIsReported() {
        JsonNode problem = assertProblem(upload(name, "{\"label\": ", SamplesCsv.bytes(SamplesCsv.rows(5, 0)),
                "s.csv"), 422);

        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("schema");
    }

    @Test
    void anInconsistentSchemaIsReportedFieldByField() {
        String schema = SCHEMA.replace("\"target\": \"item_id\"", "\"target\": \"goods_id\"")
                .replace("\"maxLength\": 5}]", "\"maxLength\": 0}]");

        JsonNode problem = assertProblem(upload(name, schema, SamplesCsv.bytes(SamplesCsv.rows(5, 0)), "s.csv"), 422);

        assertThat(problem.get("errors").findValuesAsString("field"))
                .contains("features[3].target", "features[4].maxLength");
    }

    @Test
    void anInvalidNameIsRefused() {
        JsonNode problem = assertProblem(upload("../etc/passwd", SCHEMA, SamplesCsv.bytes(SamplesCsv.rows(5, 0)),
                "s.csv"), 400);

        assertThat(problem.get("detail").asString()).contains("name");
    }

    @Test
    void anUploadWithoutItsFileIsRefused() {
        MultipartForm form = new MultipartForm().field("name", name).json("schema", SCHEMA);

        JsonNode problem = assertProblem(postMultipart("/api/v1/datasets", form), 400);

        assertThat(problem.get("detail").asString()).contains("file");
    }

    @Test
    void aJsonBodyInsteadOfAMultipartUploadIsRefused() {
        ResponseEntity<JsonNode> response = postJson("/api/v1/datasets", "{\"name\": \"x\"}");

        assertProblem(response, 415);
    }
}
