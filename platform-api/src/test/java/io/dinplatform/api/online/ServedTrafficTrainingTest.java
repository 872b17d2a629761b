package io.dinplatform.api.online;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.dinplatform.api.EmbeddedWorkerApiTest;
import io.dinplatform.api.MultipartForm;
import io.dinplatform.api.SamplesCsv;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole loop with the platform's own worker: a model trained on an uploaded dataset serves predictions, clicks
 * come back as feedback, the served traffic becomes a dataset ({@code IMPRESSIONS}), and a run trains the next
 * version on it, with lineage to that dataset.
 */
class ServedTrafficTrainingTest extends EmbeddedWorkerApiTest {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Path DATA_DIR = temporaryDirectory("din-served-traffic-test-");
    private static final Duration TRAINING_WAIT = Duration.ofMinutes(10);
    private static final int SERVED = 200;

    @Autowired
    ImpressionWriter writer;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("din.data-dir", DATA_DIR::toString);
    }

    @Test
    void aRunTrainsOnADatasetBuiltFromServedImpressionsAndTheirClicks() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String source = "logged-source-" + suffix;
        String model = "logged-" + suffix;
        ResponseEntity<JsonNode> uploaded = http.post().uri("/api/v1/datasets")
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(new MultipartForm().field("name", source).json("schema", SamplesCsv.SCHEMA)
                        .file("file", SamplesCsv.bytes(SamplesCsv.rows(400, 1, 40)), "samples.csv").parts())
                .retrieve().toEntity(JsonNode.class);
        assertThat(uploaded.getStatusCode().value()).as("%s", uploaded.getBody()).isEqualTo(201);
        JsonNode first = trained(source, model);
        assertThat(first.get("modelVersion").get("version").asInt()).isEqualTo(1);

        List<Map<String, Object>> instances = servedInstances();
        JsonNode answer = ok(postJson("/api/v1/models/" + model + "/predict", body(Map.of("instances", instances))));
        List<Map<String, Object>> reports = new ArrayList<>();
        for (int i = 0; i < SERVED; i++) {
            String item = (String) instances.get(i).get("item_id");
            reports.add(Map.of("impressionId", answer.get("predictions").get(i).get("impressionId").asString(),
                    "clicked", Integer.parseInt(item.substring(1)) % 3 == 0));
        }
        writer.flush();
        JsonNode feedback = ok(postJson("/api/v1/feedback", body(reports)));
        feedback.get("results").forEach(r -> assertThat(r.get("outcome").asString()).isEqualTo("RECORDED"));

        String traffic = "served-" + suffix;
        ResponseEntity<JsonNode> built = postJson("/api/v1/datasets/builds/impressions", body(Map.of(
                "name", traffic, "model", model, "labelDelay", "PT0S")));
        assertThat(built.getStatusCode().value()).as("%s", built.getBody()).isEqualTo(201);
        assertThat(built.getBody().get("rows").asLong()).isEqualTo(SERVED);

        JsonNode second = trained(traffic, model);
        assertThat(second.get("modelVersion").get("version").asInt()).as("the next version of the served model")
                .isEqualTo(2);
        JsonNode lineage = ok(get("/api/v1/models/" + model + "/versions/2")).get("lineage");
        assertThat(lineage.get("dataset").get("name").asString()).isEqualTo(traffic);
        assertThat(lineage.get("runId").asString()).isEqualTo(second.get("id").asString());
        assertThat(second.get("metrics").get("samples").asLong()).as("the newest tenth is the test split")
                .isEqualTo(SERVED / 10);
    }

    /** A DIN run of one epoch on version 1 of the dataset; returns the run once it has succeeded. */
    private JsonNode trained(String dataset, String model) {
        ResponseEntity<JsonNode> queued = postJson("/api/v1/training-runs", """
                {"dataset": {"name": "%s", "version": 1}, "model": "%s", "architecture": {"type": "DIN"},
                 "training": {"epochs": 1, "seed": 7, "device": "CPU"}}
                """.formatted(dataset, model));
        assertThat(queued.getStatusCode().value()).as("%s", queued.getBody()).isEqualTo(202);
        JsonNode run = awaitFinal("/api/v1/training-runs/" + queued.getBody().get("id").asString(), TRAINING_WAIT);
        assertThat(run.get("status").asString()).as("%s", run).isEqualTo("SUCCEEDED");
        return run;
    }

    /** Instances over the uploaded data's users and items, as the service in front of the model would send. */
    private static List<Map<String, Object>> servedInstances() {
        List<Map<String, Object>> instances = new ArrayList<>();
        for (int r = 0; r < SERVED; r++) {
            int item = 100 + (r * 11) % 50;
            Map<String, Object> instance = new HashMap<>();
            instance.put("user_id", "u" + r % 40);
            instance.put("item_id", "i" + item);
            instance.put("cate_id", "c" + item % 5);
            instance.put("hist_item_id", List.of("i" + (item + 1), "i" + (item + 2)));
            instance.put("hist_cate_id", List.of("c" + (item + 1) % 5, "c" + (item + 2) % 5));
            instances.add(instance);
        }
        return instances;
    }

    private static String body(Object value) {
        return new String(JSON.writeValueAsBytes(value), StandardCharsets.UTF_8);
    }

    private static JsonNode ok(ResponseEntity<JsonNode> response) {
        assertThat(response.getStatusCode().value()).as("status of %s", response.getBody()).isEqualTo(200);
        return response.getBody();
    }
}
