package io.dinplatform.registry.run;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.dinplatform.registry.EmbeddedCatalogTest;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.dataset.NewDatasetVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunRequestTest extends EmbeddedCatalogTest {

    private static final JsonMapper JSON = JsonMapper.shared();

    /**
     * A run request exactly as the API stored it before the document had a type of its own: din-core's default
     * architecture and training configuration, every default written out, and an alias to promote.
     */
    private static final String STORED_BEFORE = """
            {"dataset": {"name": "%s", "version": 1}, "model": "movielens-din",
             "architecture": {"type": "DIN", "embeddingDim": 18,
                              "attention": {"hiddenUnits": [80, 40], "activation": "DICE", "normalization": "NONE",
                                            "input": "OFFICIAL"},
                              "mlp": {"hiddenUnits": [200, 80], "activation": "DICE"},
                              "pooling": "SUM", "interestCandidateProduct": true},
             "training": {"epochs": 5, "batchSize": 256,
                          "optimizer": {"type": "ADAM", "learningRate": 0.001,
                                        "schedule": {"type": "CONSTANT", "rate": 1.0, "steps": 1},
                                        "beta1": 0.9, "beta2": 0.999, "epsilon": 1.0E-8},
                          "regularization": {"type": "MBA", "lambda": 0.01}, "clipNorm": 0.0, "seed": 42,
                          "device": "AUTO", "earlyStoppingPatience": 2, "evaluationBatchSize": 4096},
             "promoteAlias": "production"}
            """;

    /** Stands in for a din-core configuration record, which the registry does not know. */
    record Training(int epochs, List<Integer> hiddenUnits, String device) {
    }

    @Autowired
    TrainingRunRepository runs;

    @Autowired
    DatasetRepository datasets;

    @Autowired
    JdbcClient jdbc;

    DatasetVersion dataset;

    @BeforeEach
    void emptyQueueAndADataset() {
        jdbc.sql("UPDATE training_runs SET status = 'CANCELLED', lease_holder = NULL, lease_expires_at = NULL "
                + "WHERE status IN ('QUEUED', 'RUNNING')").update();
        dataset = datasets.createNextVersion(new NewDatasetVersion("requests-" + UUID.randomUUID(), "d".repeat(64),
                1, 1, JSON.readTree("{}"), JSON.readTree("{}"), null, "dd/" + "d".repeat(62)));
    }

    @Test
    void aRequestStoredBeforeTheTypeExistedReadsAsItWasStored() {
        JsonNode stored = JSON.readTree(STORED_BEFORE.formatted(dataset.name()));
        UUID id = jdbc.sql("""
                        INSERT INTO training_runs (model_name, status, request, dataset_version_id)
                        VALUES ('movielens-din', 'QUEUED', CAST(? AS jsonb), ?) RETURNING id
                        """)
                .params(stored.toString(), dataset.id())
                .query(UUID.class)
                .single();

        RunRequest request = runs.find(id).orElseThrow().request();
        assertThat(request.dataset()).isEqualTo(new RunRequest.Dataset(dataset.name(), 1));
        assertThat(request.model()).isEqualTo("movielens-din");
        assertThat(request.promoteAlias()).isEqualTo("production");
        assertThat(request.architecture().path("attention").path("input").asString()).isEqualTo("OFFICIAL");
        assertThat(request.training(Training.class)).isEqualTo(new Training(5, null, "AUTO"));
        assertThat(request.toJson()).as("shown and stored again unchanged").isEqualTo(JSON.readTree(
                jdbc.sql("SELECT request::text FROM training_runs WHERE id = ?").param(id).query(String.class)
                        .single()));
        ClaimedRun claimed = new RunQueue(jdbc).claimNext(new WorkerAdvertisement("w", "CPU", 0),
                Duration.ofMinutes(1)).orElseThrow();
        assertThat(claimed.request()).as("what the worker claims").isEqualTo(request);
    }

    @Test
    void aRequestIsStoredAndReadBackThroughTheSameType() {
        Training training = new Training(3, List.of(80, 40), "GPU");
        RunRequest written = RunRequest.of(new RunRequest.Dataset(dataset.name(), 1), "m",
                new Training(1, List.of(2), "CPU"), training, null);

        TrainingRun run = runs.create(new NewTrainingRun("m", written, dataset.id(), "system"));

        RunRequest read = runs.find(run.id()).orElseThrow().request();
        assertThat(read).isEqualTo(written);
        assertThat(read.training(Training.class)).isEqualTo(training);
        assertThat(read.toJson().has("promoteAlias")).as("no alias, no field").isFalse();
    }

    @Test
    void aDocumentWithoutASectionStillReadsAndTheMissingSectionIsNamed() {
        RunRequest request = RunRequest.fromJson(JSON.readTree("{\"model\": \"m\", \"training\": {\"epochs\": 2}}"));

        assertThat(request.model()).isEqualTo("m");
        assertThat(request.dataset()).isNull();
        assertThatThrownBy(() -> request.architecture(Training.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the run request has no 'architecture' section");
        assertThatThrownBy(() -> RunRequest.fromJson(JSON.readTree("{\"training\": {\"epochs\": \"many\"}}"))
                .training(Training.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the run request's 'training' section is invalid");
    }
}
