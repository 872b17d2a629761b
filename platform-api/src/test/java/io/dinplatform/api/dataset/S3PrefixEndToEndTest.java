package io.dinplatform.api.dataset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.dinplatform.api.EmbeddedWorkerApiTest;
import io.dinplatform.api.MultipartForm;
import io.dinplatform.core.data.csv.CsvRecordReader;
import io.dinplatform.core.data.synthetic.SyntheticConfig;
import io.dinplatform.core.data.synthetic.SyntheticDataGenerator;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSchemaJson;
import io.dinplatform.registry.artifact.s3.S3TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dataset that lives as CSV parts under a prefix of an S3 bucket, used end to end through the API with the worker
 * the platform embeds and its artifacts in the same S3 API server (S3Proxy): registered by
 * {@code reference=s3://bucket/prefix/} (never copied), trained on by a queued run, scored by a batch prediction
 * that reads the version's shards, and, once one of its objects is overwritten, refused on the next read with a
 * problem that names the object.
 */
class S3PrefixEndToEndTest extends EmbeddedWorkerApiTest {

    /** 120 users with 5 impressions each: 600 rows in three parts. */
    private static final SyntheticConfig SAMPLES = new SyntheticConfig(120, 60, 6, 2, 10, 5, 0.1, 23);
    private static final String ARTIFACTS_PREFIX = "platform/";
    private static final String DATA_PREFIX = "datasets/clicks-" + UUID.randomUUID().toString().substring(0, 8) + "/";
    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final Path DIRECTORY = temporaryDirectory("din-s3-prefix-test-");
    private static S3TestServer s3;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void artifactsInS3(DynamicPropertyRegistry registry) throws Exception {
        s3 = S3TestServer.start(DIRECTORY.resolve("s3"));
        registry.add("din.data-dir", () -> DIRECTORY.resolve("data").toString());
        registry.add("din.artifacts.type", () -> "s3");
        registry.add("din.artifacts.s3.endpoint", s3::endpoint);
        registry.add("din.artifacts.s3.bucket", () -> S3TestServer.BUCKET);
        registry.add("din.artifacts.s3.prefix", () -> ARTIFACTS_PREFIX);
        registry.add("din.artifacts.s3.path-style-access", () -> "true");
        registry.add("din.artifacts.s3.access-key-id", () -> S3TestServer.ACCESS_KEY_ID);
        registry.add("din.artifacts.s3.secret-access-key", () -> S3TestServer.SECRET_ACCESS_KEY);
    }

    @AfterAll
    static void stopS3() throws Exception {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void aPrefixIsRegisteredTrainedOnAndScoredFromShardsAndAChangedObjectFailsTheNextRead() throws IOException {
        ByteArrayOutputStream samples = new ByteArrayOutputStream();
        FeatureSchema schema = SyntheticDataGenerator.write(SAMPLES, samples);
        List<String> lines = samples.toString(StandardCharsets.UTF_8).lines().toList();
        List<String> keys = putInParts(lines, 3);
        String name = "s3-clicks-" + UUID.randomUUID().toString().substring(0, 8);

        ResponseEntity<JsonNode> registered = http.post().uri("/api/v1/datasets")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(new MultipartForm().field("name", name).json("schema", FeatureSchemaJson.toJson(schema))
                        .field("reference", "s3://" + S3TestServer.BUCKET + "/" + DATA_PREFIX).parts())
                .retrieve().toEntity(JsonNode.class);

        assertThat(registered.getStatusCode().value()).as("%s", registered.getBody()).isEqualTo(201);
        JsonNode version = registered.getBody();
        long rows = lines.size() - 1;
        assertThat(version.get("rows").asLong()).isEqualTo(rows);
        assertThat(version.get("origin").get("kind").asString()).isEqualTo("reference");
        assertThat(version.get("origin").get("objects").asInt()).isEqualTo(keys.size());

        String model = name + "-din";
        JsonNode run = postJson("/api/v1/training-runs", """
                {"dataset": {"name": "%s", "version": 1}, "model": "%s",
                 "architecture": {"type": "DIN", "embeddingDim": 8, "attention": {"hiddenUnits": [16]},
                                  "mlp": {"hiddenUnits": [16]}},
                 "training": {"epochs": 1, "batchSize": 128, "seed": 7, "device": "CPU"}}
                """.formatted(name, model)).getBody();
        JsonNode trained = awaitFinal("/api/v1/training-runs/" + run.get("id").asString(), WAIT);
        assertThat(trained.get("status").asString()).as("%s", trained).isEqualTo("SUCCEEDED");

        ResponseEntity<JsonNode> accepted = postJson("/api/v1/batch-predictions", """
                {"model": {"name": "%s"}, "dataset": {"name": "%s", "version": 1}, "partitions": 2}
                """.formatted(model, name));
        assertThat(accepted.getStatusCode().value()).as("%s", accepted.getBody()).isEqualTo(202);
        JsonNode prediction = awaitFinal(accepted.getHeaders().getLocation().getPath(), WAIT);

        assertThat(prediction.get("status").asString()).as("%s", prediction).isEqualTo("SUCCEEDED");
        assertThat(prediction.get("progress").get("rowsScored").asLong()).isEqualTo(rows);
        List<String[]> result = csv(http.get().uri(prediction.get("result").get("href").asString()).retrieve()
                .body(String.class));
        assertThat(result).hasSize((int) rows + 1);
        List<String> header = Arrays.asList(lines.get(0).split(","));
        for (int i = 1; i <= rows; i++) {
            String[] row = lines.get(i).split(",", -1);
            assertThat(result.get(i)[0]).isEqualTo(Long.toString(i));
            assertThat(result.get(i)[1]).as("the group of row %d", i)
                    .isEqualTo(row[header.indexOf(schema.effectiveGroup())]);
            assertThat(result.get(i)[4]).isEqualTo(row[header.indexOf(schema.label())]);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM encoded_datasets WHERE data_sha256 = ?")
                .param(version.get("sha256").asString()).query(Long.class).single())
                .as("the training encoding and the scoring encoding, each made once").isEqualTo(2);

        String changed = keys.get(1);
        byte[] content = s3Object(changed);
        content[content.length - 2] ^= 0x01; // a label of the part's last row flipped: the same size
        put(changed, content);
        ResponseEntity<JsonNode> reread = get("/api/v1/datasets/" + name + "/versions/1/users");

        assertThat(reread.getStatusCode().value()).as("%s", reread.getBody()).isEqualTo(409);
        assertThat(reread.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
        assertThat(reread.getBody().get("detail").asString())
                .contains("s3://" + S3TestServer.BUCKET + "/" + changed)
                .contains("changed after its dataset version was registered");
    }

    /** The samples as CSV parts under the prefix, each with the header; returns their keys in order. */
    private static List<String> putInParts(List<String> lines, int parts) {
        List<String> keys = new ArrayList<>();
        int rows = lines.size() - 1;
        for (int p = 0; p < parts; p++) {
            List<String> part = new ArrayList<>(List.of(lines.get(0)));
            part.addAll(lines.subList(1 + p * rows / parts, 1 + (p + 1) * rows / parts));
            String key = DATA_PREFIX + "part-0000" + p + ".csv";
            put(key, (String.join("\n", part) + "\n").getBytes(StandardCharsets.UTF_8));
            keys.add(key);
        }
        return keys;
    }

    private static void put(String key, byte[] content) {
        s3.client().putObject(PutObjectRequest.builder().bucket(S3TestServer.BUCKET).key(key).build(),
                RequestBody.fromBytes(content));
    }

    private static byte[] s3Object(String key) {
        return s3.client().getObjectAsBytes(builder -> builder.bucket(S3TestServer.BUCKET).key(key)).asByteArray();
    }

    private static List<String[]> csv(String text) throws IOException {
        List<String[]> records = new ArrayList<>();
        CsvRecordReader csv = new CsvRecordReader(new StringReader(text));
        for (String[] fields = csv.next(); fields != null; fields = csv.next()) {
            records.add(fields);
        }
        return records;
    }
}
