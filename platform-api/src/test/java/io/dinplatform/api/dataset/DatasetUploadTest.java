package io.dinplatform.api.dataset;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import io.dinplatform.api.PlatformApiTest;
import io.dinplatform.api.SamplesCsv;
import io.dinplatform.core.schema.FeatureSchemaJson;
import io.dinplatform.registry.dataset.DatasetVersion;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.InputStreamSource;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.dinplatform.api.SamplesCsv.SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;

class DatasetUploadTest extends PlatformApiTest {

    @Autowired
    DatasetRegistration registration;

    @Test
    void anUploadBecomesVersionOneWithStatisticsAndIsListed() throws Exception {
        String name = uniqueName();
        byte[] csv = SamplesCsv.bytes(SamplesCsv.rows(40, 0));

        ResponseEntity<JsonNode> response = upload(name, SCHEMA, csv, "samples.csv");

        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(201);
        assertThat(response.getHeaders().getLocation()).hasPath("/api/v1/datasets/" + name + "/versions/1");
        JsonNode version = response.getBody();
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csv));
        assertThat(version.get("name").asString()).isEqualTo(name);
        assertThat(version.get("version").asInt()).isEqualTo(1);
        assertThat(version.get("sha256").asString()).isEqualTo(sha256);
        assertThat(version.get("rows").asLong()).isEqualTo(40);
        assertThat(version.get("schema").get("label").asString()).isEqualTo("label");
        JsonNode stats = version.get("stats");
        assertThat(stats.get("rows").asLong()).isEqualTo(40);
        assertThat(stats.get("positives").asLong()).isEqualTo(14);
        assertThat(stats.get("positiveRate").asDouble()).isEqualTo(14 / 40.0);
        assertThat(stats.get("distinctGroups").asLong()).isEqualTo(10);
        assertThat(stats.get("missingValues").get("hist_item_id").asLong()).isEqualTo(10);
        assertThat(stats.get("historyLength").get("max").asInt()).isEqualTo(2);
        assertThat(DATA_DIR.resolve("artifacts").resolve(sha256.substring(0, 2)).resolve(sha256.substring(2)))
                .hasBinaryContent(csv);

        assertThat(get("/api/v1/datasets/" + name + "/versions/1").getBody()).isEqualTo(version);
        assertThat(get("/api/v1/datasets/" + name + "/versions/latest").getBody()).isEqualTo(version);
        JsonNode listed = find(get("/api/v1/datasets").getBody(), name);
        assertThat(listed.get("latestVersion").asInt()).isEqualTo(1);
        assertThat(listed.get("versions").asInt()).isEqualTo(1);
    }

    @Test
    void theNextUploadUnderANameIsTheNextVersionAndGzipIsRead() {
        String name = uniqueName();
        upload(name, SCHEMA, SamplesCsv.bytes(SamplesCsv.rows(20, 0)), "a.csv");

        ResponseEntity<JsonNode> second = upload(name, SCHEMA, SamplesCsv.gzip(SamplesCsv.rows(30, 1)), "b.csv.gz");

        assertThat(second.getStatusCode().value()).as("%s", second.getBody()).isEqualTo(201);
        assertThat(second.getBody().get("version").asInt()).isEqualTo(2);
        assertThat(second.getBody().get("rows").asLong()).isEqualTo(30);
        assertThat(get("/api/v1/datasets/" + name + "/versions/latest").getBody().get("version").asInt()).isEqualTo(2);
        assertThat(get("/api/v1/datasets/" + name + "/versions").getBody()).hasSize(2);
    }

    @Test
    void anUploadIsReadOnceAndStoredExactlyAsUploadedEvenWithBytesAfterItsGzipStream() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(SamplesCsv.gzip(SamplesCsv.rows(30, 2)));
        // more than the reader buffers: only reading the upload to its end copies all of it
        bytes.write("bytes after the end of the gzip stream\n".repeat(10_000).getBytes(StandardCharsets.UTF_8));
        byte[] upload = bytes.toByteArray();
        AtomicInteger opened = new AtomicInteger();
        InputStreamSource content = () -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream(upload);
        };

        DatasetVersion version = registration.register(uniqueName(), FeatureSchemaJson.parse(SCHEMA), content,
                JsonMapper.shared().createObjectNode(), List.of());

        assertThat(opened).as("times the upload was opened").hasValue(1);
        assertThat(version.rows()).isEqualTo(30);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(upload));
        assertThat(version.sha256()).isEqualTo(sha256);
        assertThat(version.sizeBytes()).isEqualTo(upload.length);
        assertThat(DATA_DIR.resolve("artifacts").resolve(version.storageKey())).hasBinaryContent(upload);
    }

    @Test
    void twoConcurrentUploadsUnderOneNameGetVersionsOneAndTwo() {
        String name = uniqueName();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<ResponseEntity<JsonNode>>> uploads = List.of(0, 1).stream()
                .map(salt -> CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(start);
                    return upload(name, SCHEMA, SamplesCsv.bytes(SamplesCsv.rows(200, salt)), "s.csv");
                }))
                .toList();
        start.countDown();

        List<Integer> versions = uploads.stream().map(CompletableFuture::join)
                .peek(r -> assertThat(r.getStatusCode().value()).as("%s", r.getBody()).isEqualTo(201))
                .map(r -> r.getBody().get("version").asInt()).toList();

        assertThat(versions).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void anUnknownDatasetOrVersionIsNotFound() {
        assertProblem(get("/api/v1/datasets/" + uniqueName() + "/versions/1"), 404);
        assertProblem(get("/api/v1/datasets/" + uniqueName() + "/versions/latest"), 404);
        assertProblem(get("/api/v1/datasets/" + uniqueName() + "/versions"), 404);
        String name = uniqueName();
        upload(name, SCHEMA, SamplesCsv.bytes(SamplesCsv.rows(10, 0)), "s.csv");
        JsonNode problem = assertProblem(get("/api/v1/datasets/" + name + "/versions/2"), 404);
        assertThat(problem.get("detail").asString()).contains("has no version 2");
        assertProblem(get("/api/v1/datasets/" + name + "/versions/two"), 400);
        assertProblem(get("/api/v1/datasets/" + name + "/versions/0"), 400);
    }

    static JsonNode find(JsonNode list, String name) {
        for (JsonNode dataset : list) {
            if (dataset.get("name").asString().equals(name)) {
                return dataset;
            }
        }
        throw new AssertionError("dataset " + name + " is not listed in " + list);
    }

    static String uniqueName() {
        return "ds-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
