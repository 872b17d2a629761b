package io.dinplatform.worker.steps;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.UUID;

import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.lease.JobStatus;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.model.ModelVersion;
import io.dinplatform.registry.model.NewModelVersion;
import io.dinplatform.registry.run.NewTrainingRun;
import io.dinplatform.registry.run.RunRequest;
import io.dinplatform.registry.run.TrainingRun;
import io.dinplatform.worker.TestCatalog;
import io.dinplatform.worker.WorkerContextTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The run request's {@code promoteAlias}, as the API stores it, moves the alias when a run registers its version. */
class AliasPromotionTest extends WorkerContextTest {

    private static final String MODEL = "promoted-din";
    private static final String REQUESTER = "token:0123456789ab";

    @Autowired
    ModelRepository models;

    @Test
    void theAliasPointsAtTheFirstVersionAndStaysWhenTheNextOneDoesNotBeatIt() throws IOException {
        DatasetVersion dataset = catalog.registerSynthetic("promotion", TestCatalog.TINY);

        TrainingRun first = awaitFinal(queueAskingToPromote("production", dataset));
        assertThat(first.status()).as("error: %s", first.error()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(models.findByAlias(MODEL, "production")).map(ModelVersion::version).contains(1);

        // The same request on the same data scores the same GAUC: not better, so the alias stays.
        TrainingRun second = awaitFinal(queueAskingToPromote("production", dataset));
        assertThat(second.status()).as("error: %s", second.error()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(second.modelVersion().version()).isEqualTo(2);
        assertThat(second.metrics().path("auc").asDouble()).isEqualTo(first.metrics().path("auc").asDouble());
        assertThat(models.findByAlias(MODEL, "production")).map(ModelVersion::version).contains(1);
        assertThat(changesRecordedFor(REQUESTER)).as("recorded in the name of who queued the runs").containsExactly(
                "version.registered promoted-din version 1 (run " + first.id() + ")",
                "alias.moved promoted-din alias production to version 1",
                "version.registered promoted-din version 2 (run " + second.id() + ")");
    }

    private List<String> changesRecordedFor(String principal) {
        return jdbc.sql("""
                        SELECT action || ' ' || resource || ' ' || detail FROM audit_log
                        WHERE principal = ? AND resource_type = 'model' AND resource = ? AND outcome = 'SUCCESS'
                        ORDER BY id
                        """).params(principal, MODEL).query(String.class).list();
    }

    @Test
    void theAliasMovesOnTheRunsSelectionMetricTestGaucByDefault() throws IOException {
        DatasetVersion dataset = catalog.registerSynthetic("promotion-by-gauc", TestCatalog.TINY);
        String bundle = artifacts.write(new ByteArrayInputStream(new byte[] {1, 2, 3})).sha256();
        ModelRegistration registration = new ModelRegistration(models);
        RunRequest request = new RunRequest(null, "by-gauc", null, null, "production");

        registration.register(version(dataset, bundle, 0.80, 0.60, null), request);
        ModelRegistration.Registered betterGauc = registration.register(version(dataset, bundle, 0.70, 0.65, null),
                request);
        assertThat(models.findByAlias("by-gauc", "production")).map(ModelVersion::version).contains(2);
        assertThat(betterGauc.aliasOutcome()).contains("test GAUC 0.6").contains("test GAUC 0.65");
        assertThat(betterGauc.movedAlias()).isEqualTo("production");

        ModelRegistration.Registered betterAuc = registration.register(version(dataset, bundle, 0.90, 0.64, null),
                request);
        assertThat(betterAuc.movedAlias()).isNull();
        assertThat(models.findByAlias("by-gauc", "production")).as("a better AUC alone does not move it")
                .map(ModelVersion::version).contains(2);

        registration.register(version(dataset, bundle, 0.75, 0.50, "AUC"), request);
        assertThat(models.findByAlias("by-gauc", "production")).as("a run that selects by AUC compares AUC")
                .map(ModelVersion::version).contains(4);
    }

    private static NewModelVersion version(DatasetVersion dataset, String bundle, double auc, double gauc,
                                           String selectionMetric) {
        ObjectNode metrics = JsonMapper.shared().createObjectNode().put("auc", auc).put("gauc", gauc)
                .put("logloss", 0.6).put("samples", 100).put("positives", 40);
        ObjectNode parameters = JsonMapper.shared().createObjectNode();
        if (selectionMetric != null) {
            parameters.putObject("training").put("selectionMetric", selectionMetric);
        }
        return new NewModelVersion("by-gauc", null, dataset.id(), bundle, metrics, parameters);
    }

    private UUID queueAskingToPromote(String alias, DatasetVersion dataset) {
        RunRequest plain = TestCatalog.request(MODEL, dataset, TestCatalog.spec(1, "CPU"));
        RunRequest request = new RunRequest(plain.dataset(), plain.model(), plain.architecture(), plain.training(),
                alias);
        return runs.create(new NewTrainingRun(MODEL, request, dataset.id(), REQUESTER)).id();
    }
}
