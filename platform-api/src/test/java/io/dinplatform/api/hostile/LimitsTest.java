package io.dinplatform.api.hostile;

import java.io.ByteArrayOutputStream;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.dinplatform.api.PlatformApiTest;
import io.dinplatform.api.SamplesCsv;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each limit that keeps one request from exhausting the machine answers with a problem that names the limit and
 * the setting that changes it, so that an operator knows what to raise and a client what to send instead.
 */
class LimitsTest extends PlatformApiTest {

    @Test
    void aSchemaWithMoreFeaturesThanAllowedNamesMaxColumns() {
        String features = IntStream.range(0, 257).mapToObj(i -> "{\"name\": \"f" + i + "\", \"kind\": \"CATEGORICAL\"}")
                .collect(Collectors.joining(","));
        String schema = "{\"label\": \"label\", \"features\": [" + features + "]}";

        JsonNode problem = assertProblem(upload("limits-columns", schema, SamplesCsv.bytes(SamplesCsv.rows(3, 0)),
                "s.csv"), 422);

        assertThat(problem.get("detail").asString()).contains("din.datasets.max-columns", "257");
    }

    @Test
    void aHistoryLongerThanAllowedNamesMaxSequenceLength() {
        String schema = SamplesCsv.SCHEMA.replace("\"maxLength\": 5", "\"maxLength\": 101");

        JsonNode problem = assertProblem(upload("limits-history", schema, SamplesCsv.bytes(SamplesCsv.rows(3, 0)),
                "s.csv"), 422);

        assertThat(problem.get("detail").asString()).contains("din.datasets.max-sequence-length");
    }

    @Test
    void moreRowsThanAllowedNamesMaxRowsEvenWhenTheyArriveAsASmallGzip() {
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        rows.writeBytes(SamplesCsv.bytes(SamplesCsv.HEADER + "\n"));
        byte[] row = SamplesCsv.bytes("u1,i1,c1,,,1\n");
        for (int i = 0; i < 1_000_001; i++) {
            rows.write(row, 0, row.length);
        }
        byte[] gzip = HostileInputTest.gzip(rows.toByteArray());
        assertThat(gzip.length).as("compressed size").isLessThan(1 << 20);

        JsonNode problem = assertProblem(upload("limits-rows", SamplesCsv.SCHEMA, gzip, "s.csv.gz"), 422);

        assertThat(problem.get("detail").asString()).contains("din.datasets.max-rows");
    }

    @Test
    void runParametersOutOfTheSafeRangesNameTheirSettings() {
        upload("limits-runs", SamplesCsv.SCHEMA, SamplesCsv.bytes(SamplesCsv.rows(10, 0)), "s.csv");

        JsonNode problem = assertProblem(postJson("/api/v1/training-runs", """
                {"dataset": {"name": "limits-runs"}, "model": "limits",
                 "architecture": {"embeddingDim": 300, "mlp": {"hiddenUnits": [5000, 1, 1, 1, 1, 1, 1, 1, 1]}},
                 "training": {"epochs": 1001}}
                """), 400);

        assertThat(problem.get("errors").findValuesAsString("field")).contains("training.epochs",
                "architecture.embeddingDim", "architecture.mlp.hiddenUnits", "architecture.mlp.hiddenUnits[0]");
        assertThat(problem.get("detail").asString()).contains("din.runs.max-epochs", "din.runs.max-embedding-dim",
                "din.runs.max-hidden-layers", "din.runs.max-hidden-units");
        assertThat(count("training_runs WHERE model_name = 'limits'")).isZero();
    }

    @Test
    void aJsonBodyOverTheLimitIsRefusedBeforeItIsParsed() {
        String body = "{\"name\": \"" + "x".repeat(1_100_000) + "\"}";

        JsonNode problem = assertProblem(postJson("/api/v1/models", body), 413);

        assertThat(problem.get("detail").asString()).contains("din.api.max-body-size");
    }
}
