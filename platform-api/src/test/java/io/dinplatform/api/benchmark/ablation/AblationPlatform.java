package io.dinplatform.api.benchmark.ablation;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import io.dinplatform.api.benchmark.ablation.TrainingProtocol.DatasetRef;
import io.dinplatform.core.data.synthetic.SyntheticConfig;
import io.dinplatform.core.data.synthetic.SyntheticDataGenerator;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSchemaJson;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The platform's REST API as the ablation uses it: register the datasets, queue runs, read their results. */
final class AblationPlatform {

    private static final Duration POLL = Duration.ofSeconds(2);

    private final RestClient api;

    AblationPlatform(RestClient api) {
        this.api = api;
    }

    /** Builds MovieLens 100K from the raw files with the paper's protocol, as the README shows. */
    DatasetRef buildMovieLens(Path shared) {
        Path movieLens = shared.resolve("data/movielens-100k");
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("name", AblationDataset.MOVIELENS.datasetName());
        form.add("protocol", "RATING_THRESHOLD");
        form.add("interactions", new FileSystemResource(movieLens.resolve("u.data")));
        form.add("items", new FileSystemResource(movieLens.resolve("u.item")));
        return registered(api.post().uri("/api/v1/datasets/builds").contentType(MediaType.MULTIPART_FORM_DATA)
                .body(form).retrieve().body(JsonNode.class));
    }

    /** Generates the synthetic samples into a temporary file and uploads them with their schema. */
    DatasetRef uploadSynthetic(SyntheticConfig config) throws IOException {
        Path samples = Files.createTempFile("din-ablation-synthetic-", ".csv");
        try {
            FeatureSchema schema;
            try (OutputStream out = Files.newOutputStream(samples)) {
                schema = SyntheticDataGenerator.write(config, out);
            }
            MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
            form.add("name", AblationDataset.SYNTHETIC.datasetName());
            form.add("file", new FileSystemResource(samples));
            form.add("schema", FeatureSchemaJson.toJson(schema));
            return registered(api.post().uri("/api/v1/datasets").contentType(MediaType.MULTIPART_FORM_DATA)
                    .body(form).retrieve().body(JsonNode.class));
        } finally {
            Files.deleteIfExists(samples);
        }
    }

    /** Queues a run and returns its id. */
    String queue(ObjectNode request) {
        return api.post().uri("/api/v1/training-runs").contentType(MediaType.APPLICATION_JSON).body(request)
                .retrieve().body(JsonNode.class).path("id").asString();
    }

    /** Waits until the run has succeeded and reads its test figures and the epoch its model version kept. */
    RunResult await(String id, AblationConfiguration configuration, long seed) throws InterruptedException {
        JsonNode run = run(id);
        while ("QUEUED".equals(run.path("status").asString()) || "RUNNING".equals(run.path("status").asString())) {
            Thread.sleep(POLL.toMillis());
            run = run(id);
        }
        if (!"SUCCEEDED".equals(run.path("status").asString())) {
            throw new IllegalStateException("run " + id + " (" + configuration.label() + ", seed " + seed + ") ended "
                    + run.path("status").asString() + ": " + run.path("error").asString());
        }
        JsonNode version = api.get().uri("/api/v1/models/{name}/versions/{version}",
                run.path("modelVersion").path("name").asString(), run.path("modelVersion").path("version").asInt())
                .retrieve().body(JsonNode.class);
        double seconds = Duration.between(Instant.parse(run.path("startedAt").asString()),
                Instant.parse(run.path("finishedAt").asString())).toMillis() / 1000.0;
        return new RunResult(configuration, seed, run.path("metrics").path("gauc").asDouble(),
                run.path("metrics").path("auc").asDouble(), version.path("parameters").path("bestEpoch").asInt(),
                seconds);
    }

    private JsonNode run(String id) {
        return api.get().uri("/api/v1/training-runs/{id}", id).retrieve().body(JsonNode.class);
    }

    private static DatasetRef registered(JsonNode version) {
        return new DatasetRef(version.path("name").asString(), version.path("version").asInt());
    }
}
