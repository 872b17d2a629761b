package io.dinplatform.api.batch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.dinplatform.api.EmbeddedWorkerApiTest;
import io.dinplatform.api.MultipartForm;
import io.dinplatform.api.serving.TrainedModels;
import io.dinplatform.core.data.csv.CsvRecordReader;
import io.dinplatform.core.data.samples.SampleRow;
import io.dinplatform.core.data.samples.SamplesReader;
import io.dinplatform.core.data.synthetic.SyntheticConfig;
import io.dinplatform.core.data.synthetic.SyntheticDataGenerator;
import io.dinplatform.core.model.ModelType;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSchemaJson;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.model.ModelRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A batch prediction from request to downloaded CSV, through HTTP, scored by the worker that the platform embeds
 * (the real PyTorch engine, the embedded PostgreSQL): every dataset row once, with the score that {@code predict}
 * gives the same row, and the metrics of the labels; on synthetic samples, and on MovieLens 100K when
 * {@code ../shared/data/movielens-100k} is there (skipped loudly otherwise).
 */
@TestPropertySource(properties = "din.batch-predictions.chunk-size=256")
class BatchScoringOverHttpTest extends EmbeddedWorkerApiTest {

    /** 60 users with 5 impressions each, in the id space of the registered test models. */
    private static final SyntheticConfig SAMPLES = new SyntheticConfig(60, 40, 6, 2, TrainedModels.MAX_HISTORY, 5,
            0.1, 11);
    private static final Duration SCORING_WAIT = Duration.ofMinutes(5);
    private static final Duration TRAINING_WAIT = Duration.ofMinutes(10);
    private static final Path DATA_DIR = temporaryDirectory("din-batch-http-test-");

    @Autowired
    ModelRepository models;
    @Autowired
    ArtifactStore artifacts;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("din.data-dir", DATA_DIR::toString);
    }

    @Test
    void theWorkerScoresEveryRowWithTheScoresPredictGivesAndTheResultDownloadsAsCsv() throws IOException {
        String model = "batch-http-" + UUID.randomUUID().toString().substring(0, 8);
        TrainedModels.register(artifacts, models, model, ModelType.DIN, 1);
        ByteArrayOutputStream samples = new ByteArrayOutputStream();
        FeatureSchema schema = SyntheticDataGenerator.write(SAMPLES, samples);
        upload(model + "-data", schema, samples.toByteArray());

        ResponseEntity<JsonNode> accepted = postJson("/api/v1/batch-predictions", """
                {"model": {"name": "%s", "version": 1}, "dataset": {"name": "%s-data"}, "partitions": 2}
                """.formatted(model, model));
        assertThat(accepted.getStatusCode().value()).as("%s", accepted.getBody()).isEqualTo(202);
        String path = accepted.getHeaders().getLocation().getPath();

        JsonNode prediction = awaitFinal(path, SCORING_WAIT);

        assertThat(prediction.get("status").asString()).as("%s", prediction).isEqualTo("SUCCEEDED");
        assertThat(prediction.get("partitions").asInt()).isEqualTo(2);
        long rows = (long) SAMPLES.users() * SAMPLES.samplesPerUser();
        assertThat(prediction.get("progress").get("rowsScored").asLong()).isEqualTo(rows);
        assertThat(prediction.get("progress").get("fraction").asDouble()).isEqualTo(1.0);
        assertThat(prediction.get("metrics").get("auc").asDouble()).isBetween(0.0, 1.0);
        assertThat(prediction.get("metrics").get("samples").asLong()).isEqualTo(rows);

        ResponseEntity<String> result = http.get().uri(prediction.get("result").get("href").asString())
                .retrieve().toEntity(String.class);
        assertThat(result.getStatusCode().value()).isEqualTo(200);
        assertThat(result.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("text/csv")))
                .isTrue();
        List<String[]> lines = csv(result.getBody());
        assertThat(lines.get(0)).containsExactly("row", "group", "item", "score", "label", "unknownFeatures");
        assertThat(lines).hasSize((int) rows + 1);

        List<SampleRow> dataset = new ArrayList<>();
        List<Map<String, Object>> instances = instances(schema, samples.toByteArray(), dataset);
        JsonNode predicted = postJson("/api/v1/models/" + model + "/predict?version=1",
                JsonMapper.shared().writeValueAsString(Map.of("instances", instances))).getBody();
        for (int i = 0; i < rows; i++) {
            String[] line = lines.get(i + 1);
            assertThat(Long.parseLong(line[0])).isEqualTo(dataset.get(i).row());
            assertThat(line[1]).isEqualTo(dataset.get(i).group());
            assertThat(line[4]).isEqualTo(Integer.toString(dataset.get(i).label()));
            assertThat(Float.parseFloat(line[3])).as("score of row %d", i + 1)
                    .isCloseTo(predicted.get("predictions").get(i).get("score").floatValue(), within(1e-6f));
            List<String> unknown = new ArrayList<>();
            predicted.get("predictions").get(i).path("unknownFeatures").forEach(name -> unknown.add(name.asString()));
            assertThat(line[5]).as("unknown features of row %d", i + 1).isEqualTo(String.join("|", unknown));
        }
    }

    @Test
    void aBatchPredictionOverACorruptBundleFailsAtOnceWithTheReasonAndNoResult() throws IOException {
        String model = "batch-corrupt-" + UUID.randomUUID().toString().substring(0, 8);
        String bundleSha256 = TrainedModels.register(artifacts, models, model, ModelType.DIN, 11).bundleSha256();
        ByteArrayOutputStream samples = new ByteArrayOutputStream();
        upload(model + "-data", SyntheticDataGenerator.write(SAMPLES, samples), samples.toByteArray());
        Path bundle = DATA_DIR.resolve("artifacts").resolve(artifacts.storageKey(bundleSha256));
        byte[] original = Files.readAllBytes(bundle);
        byte[] corrupt = original.clone();
        corrupt[corrupt.length / 2] ^= 0x01;
        Files.write(bundle, corrupt);
        try {
            ResponseEntity<JsonNode> accepted = postJson("/api/v1/batch-predictions", """
                    {"model": {"name": "%s", "version": 1}, "dataset": {"name": "%s-data"}}
                    """.formatted(model, model));
            assertThat(accepted.getStatusCode().value()).as("%s", accepted.getBody()).isEqualTo(202);

            JsonNode prediction = awaitFinal(accepted.getHeaders().getLocation().getPath(), SCORING_WAIT);

            assertThat(prediction.get("status").asString()).as("%s", prediction).isEqualTo("FAILED");
            assertThat(prediction.get("error").asString()).contains(bundleSha256, "corrupt");
            assertThat(prediction.get("attempts").asInt()).as("a corrupt bundle is not retried").isEqualTo(1);
            assertThat(prediction.get("progress").get("rowsScored").asLong()).isZero();
            assertThat(prediction.has("result")).isFalse();
        } finally {
            Files.write(bundle, original);
        }
    }

    @Test
    void aBatchPredictionOverMovieLens100kScoresEveryRatingAsPredictDoes() throws IOException {
        assumeMovieLensIsThere("BatchScoringOverHttpTest on MovieLens 100K");
        String name = "movielens-batch-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode dataset = buildMovieLens(name);
        String model = name + "-din";
        // A small DIN for one epoch: what is checked is that batch and online scoring agree, not the model's quality.
        JsonNode run = postJson("/api/v1/training-runs", """
                {"dataset": {"name": "%s", "version": 1}, "model": "%s",
                 "architecture": {"type": "DIN", "embeddingDim": 8, "attention": {"hiddenUnits": [16]},
                                  "mlp": {"hiddenUnits": [32, 16]}},
                 "training": {"epochs": 1, "batchSize": 512, "seed": 7, "device": "CPU"}}
                """.formatted(name, model)).getBody();
        JsonNode trained = awaitFinal("/api/v1/training-runs/" + run.get("id").asString(), TRAINING_WAIT);
        assertThat(trained.get("status").asString()).as("%s", trained).isEqualTo("SUCCEEDED");

        String path = postJson("/api/v1/batch-predictions", """
                {"model": {"name": "%s"}, "dataset": {"name": "%s", "version": 1}}
                """.formatted(model, name)).getHeaders().getLocation().getPath();
        JsonNode prediction = awaitFinal(path, SCORING_WAIT);

        assertThat(prediction.get("status").asString()).as("%s", prediction).isEqualTo("SUCCEEDED");
        assertThat(prediction.get("progress").get("rowsScored").asLong()).isEqualTo(100_000);
        assertThat(prediction.get("metrics").get("gauc").asDouble()).isBetween(0.0, 1.0);
        List<String[]> lines = csv(http.get().uri(prediction.get("result").get("href").asString()).retrieve()
                .body(String.class));
        assertThat(lines).hasSize(100_001);

        List<SampleRow> rows = new ArrayList<>();
        FeatureSchema schema = FeatureSchemaJson.fromTree(dataset.get("schema"));
        List<Map<String, Object>> instances;
        try (InputStream in = artifacts.openVerified(dataset.get("sha256").asString())) {
            instances = instances(schema, in.readAllBytes(), rows);
        }
        int perRequest = 1000;
        for (int from = 0; from < instances.size(); from += perRequest) {
            List<Map<String, Object>> batch = instances.subList(from, Math.min(instances.size(), from + perRequest));
            JsonNode predicted = postJson("/api/v1/models/" + model + "/predict?version=1",
                    JsonMapper.shared().writeValueAsString(Map.of("instances", batch))).getBody();
            for (int i = 0; i < batch.size(); i++) {
                String[] line = lines.get(from + i + 1);
                assertThat(Long.parseLong(line[0])).isEqualTo(rows.get(from + i).row());
                assertThat(Float.parseFloat(line[3])).as("score of row %s", line[0])
                        .isCloseTo(predicted.get("predictions").get(i).get("score").floatValue(), within(1e-6f));
            }
        }
    }

    /** The dataset's rows as online requests send them (sequences as lists), and the rows themselves. */
    private static List<Map<String, Object>> instances(FeatureSchema schema, byte[] samples, List<SampleRow> rows)
            throws IOException {
        List<Map<String, Object>> instances = new ArrayList<>();
        new SamplesReader(schema).read(new ByteArrayInputStream(samples), row -> {
            rows.add(row);
            Map<String, Object> instance = new HashMap<>();
            for (int i = 0; i < schema.categorical().size(); i++) {
                instance.put(schema.categorical().get(i).name(), row.categorical()[i]);
            }
            for (int i = 0; i < schema.sequences().size(); i++) {
                instance.put(schema.sequences().get(i).name(), List.of(row.sequences()[i].values()));
            }
            instances.add(instance);
        });
        return instances;
    }

    private void upload(String name, FeatureSchema schema, byte[] content) {
        ResponseEntity<JsonNode> response = http.post().uri("/api/v1/datasets")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(new MultipartForm().field("name", name)
                        .json("schema", FeatureSchemaJson.toTree(schema).toString())
                        .file("file", content, "samples.csv").parts())
                .retrieve().toEntity(JsonNode.class);
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(201);
    }

    private static List<String[]> csv(String text) throws IOException {
        List<String[]> lines = new ArrayList<>();
        CsvRecordReader csv = new CsvRecordReader(new StringReader(text));
        for (String[] fields = csv.next(); fields != null; fields = csv.next()) {
            lines.add(fields);
        }
        return lines;
    }
}
