package io.dinplatform.worker.steps;

import java.io.IOException;
import java.util.UUID;

import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.lease.JobStatus;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.model.ModelVersion;
import io.dinplatform.registry.run.NewTrainingRun;
import io.dinplatform.registry.run.RunRequest;
import io.dinplatform.registry.run.TrainingRun;
import io.dinplatform.worker.TestCatalog;
import io.dinplatform.worker.WorkerContextTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The run request's {@code promoteAlias}, as the API stores it, moves the alias when a run registers its version. */
class AliasPromotionTest extends WorkerContextTest {

    private static final String MODEL = "promoted-din";

    @Autowired
    ModelRepository models;

    @Test
    void theAliasPointsAtTheFirstVersionAndStaysWhenTheNextOneDoesNotBeatIt() throws IOException {
        DatasetVersion dataset = catalog.registerSynthetic("promotion", TestCatalog.TINY);

        TrainingRun first = awaitFinal(queueAskingToPromote("production", dataset));
        assertThat(first.status()).as("error: %s", first.error()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(models.findByAlias(MODEL, "production")).map(ModelVersion::version).contains(1);

        // The same request on the same data scores the same AUC: not better, so the alias stays.
        TrainingRun second = awaitFinal(queueAskingToPromote("production", dataset));
        assertThat(second.status()).as("error: %s", second.error()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(second.modelVersion().version()).isEqualTo(2);
        assertThat(second.metrics().path("auc").asDouble()).isEqualTo(first.metrics().path("auc").asDouble());
        assertThat(models.findByAlias(MODEL, "production")).map(ModelVersion::version).contains(1);
    }

    private UUID queueAskingToPromote(String alias, DatasetVersion dataset) {
        RunRequest plain = TestCatalog.request(MODEL, dataset, TestCatalog.spec(1, "CPU"));
        RunRequest request = new RunRequest(plain.dataset(), plain.model(), plain.architecture(), plain.training(),
                alias);
        return runs.create(new NewTrainingRun(MODEL, request, dataset.id())).id();
    }
}
