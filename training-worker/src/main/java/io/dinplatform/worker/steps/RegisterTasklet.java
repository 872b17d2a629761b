package io.dinplatform.worker.steps;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.dinplatform.core.bundle.BundleMetadata;
import io.dinplatform.core.bundle.BundleWriter;
import io.dinplatform.core.data.shard.ShardedDataset;
import io.dinplatform.core.metrics.EvaluationMetrics;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.artifact.StoredArtifact;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.model.ModelVersion;
import io.dinplatform.registry.model.NewModelVersion;
import io.dinplatform.registry.run.LeaseLostException;
import io.dinplatform.registry.run.RunQueue;
import io.dinplatform.worker.device.DeviceResolver;
import io.dinplatform.worker.steps.ActiveRun;
import io.dinplatform.worker.steps.ActiveRuns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code register} step: writes the model bundle (din-core's format: parameters, vocabularies, schema,
 * architecture, training configuration, metrics, provenance) to the artifact store and registers it as the next
 * version of the run's model, with its test metrics, parameters and lineage (run and dataset version).
 *
 * <p>The registration, the run's link to its version and an alias move commit in one transaction, and only while the
 * run's lease is still this worker's: a run that resumes after a crash finds its version already registered and does
 * not register a second one, and a worker that lost the run registers nothing. Once that transaction has committed,
 * the audit log records the version and the alias move in the name of whoever queued the run.
 */
public class RegisterTasklet extends RunTasklet {

    static final String MODEL_VERSION = "modelVersion";

    private static final Logger log = LoggerFactory.getLogger(RegisterTasklet.class);
    private static final JsonMapper JSON = JsonMapper.shared();

    private final PreparedDatasets datasets;
    private final TrainingSessions sessions;
    private final Checkpoints checkpoints;
    private final ArtifactStore artifacts;
    private final RunQueue queue;
    private final ModelRegistration registration;
    private final TransactionTemplate transaction;
    private final RunReporter reporter;
    private final RegistrationAudit audit;

    public RegisterTasklet(ActiveRuns activeRuns, PreparedDatasets datasets, TrainingSessions sessions,
                           Checkpoints checkpoints, ArtifactStore artifacts, RunQueue queue,
                           ModelRegistration registration, TransactionTemplate transaction, RunReporter reporter,
                           RegistrationAudit audit) {
        super(activeRuns);
        this.datasets = datasets;
        this.sessions = sessions;
        this.checkpoints = checkpoints;
        this.artifacts = artifacts;
        this.queue = queue;
        this.registration = registration;
        this.transaction = transaction;
        this.reporter = reporter;
        this.audit = audit;
    }

    @Override
    protected RepeatStatus execute(ActiveRun run, StepExecution step) throws IOException {
        ExecutionContext jobContext = step.getJobExecution().getExecutionContext();
        TrainingSession session = EvaluateTasklet.selectedModel(run, jobContext, datasets, sessions, checkpoints);
        PreparedDataset data = datasets.of(run.runId(), run.claim().datasetVersionId());
        ObjectNode testMetrics = (ObjectNode) JSON.readTree(jobContext.getString(EvaluateTasklet.TEST_METRICS));
        JsonNode training = JSON.readTree(jobContext.getString(TrainTasklet.TRAINING_SUMMARY));
        StoredArtifact bundle = writeBundle(run, step, session, data, testMetrics, training);

        ObjectNode metrics = testMetrics.deepCopy();
        if (training.has("validation")) {
            metrics.set("validation", training.get("validation"));
        }
        Optional<ModelRegistration.Registered> registered =
                transaction.execute(status -> register(run, data, bundle, metrics, training));
        if (registered == null || registered.isEmpty()) {
            throw new LeaseLostException(run.lease());
        }
        ModelVersion version = registration.version(registered.get().versionId());
        audit.recordCommitted(run.claim(), version, registered.get());
        jobContext.putString(MODEL_VERSION, version.modelName() + ":" + version.version());
        ObjectNode point = JSON.createObjectNode().put("stage", "register")
                .put("model", version.modelName()).put("version", version.version())
                .put("bundleSha256", version.bundleSha256());
        if (registered.get().aliasOutcome() != null) {
            point.put("alias", registered.get().aliasOutcome());
        }
        reporter.report(run, RunReporter.STAGE, point);
        log.info("Run {}: registered {} version {} (bundle {})", run.runId(), version.modelName(), version.version(),
                version.bundleSha256());
        return RepeatStatus.FINISHED;
    }

    /** Registers the version unless this run already did; empty when the lease is lost. */
    private Optional<ModelRegistration.Registered> register(ActiveRun run, PreparedDataset data, StoredArtifact bundle, ObjectNode metrics,
                                    JsonNode training) {
        Optional<Optional<Long>> held = queue.lockHeld(run.lease());
        if (held.isEmpty()) {
            run.control().leaseLost();
            return Optional.empty();
        }
        if (held.get().isPresent()) {
            log.info("Run {}: its model version was registered by an earlier attempt", run.runId());
            return Optional.of(ModelRegistration.Registered.earlier(held.get().get()));
        }
        ModelRegistration.Registered registered = registration.register(new NewModelVersion(
                run.claim().modelName(), run.runId(), data.version().id(), bundle.sha256(), metrics,
                parameters(run, data.version(), training)), run.claim().request());
        queue.recordRegistration(run.lease(), registered.versionId(), metrics);
        return Optional.of(registered);
    }

    private StoredArtifact writeBundle(ActiveRun run, StepExecution step, TrainingSession session,
                                       PreparedDataset data, ObjectNode testMetrics, JsonNode training)
            throws IOException {
        ShardedDataset encoded = data.shards();
        Map<String, EvaluationMetrics> metrics = new LinkedHashMap<>();
        if (training.has("validation")) {
            metrics.put("validation", MetricsJson.read(training.get("validation")));
        }
        metrics.put("test", MetricsJson.read(testMetrics));
        BundleMetadata metadata = new BundleMetadata(run.claim().request().training(), metrics,
                provenance(run, step, data.version()));
        Path file = Files.createTempFile("din-bundle-", ".zip");
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                BundleWriter.write(out, encoded.schema(), encoded.vocabularies(), session.model(), session.tables(),
                        metadata);
            }
            try (InputStream in = Files.newInputStream(file)) {
                return artifacts.write(in);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Map<String, String> provenance(ActiveRun run, StepExecution step, DatasetVersion dataset) {
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("runId", run.runId().toString());
        provenance.put("model", run.claim().modelName());
        provenance.put("dataset", dataset.name());
        provenance.put("datasetVersion", String.valueOf(dataset.version()));
        provenance.put("datasetSha256", dataset.sha256());
        provenance.put("worker", run.lease().holder());
        provenance.put("device", DeviceResolver.describe(run.device()));
        provenance.put("jobExecutionId", String.valueOf(step.getJobExecutionId()));
        provenance.put("createdAt", Instant.now().toString());
        return provenance;
    }

    private static ObjectNode parameters(ActiveRun run, DatasetVersion dataset, JsonNode training) {
        ObjectNode parameters = JSON.createObjectNode();
        parameters.set("architecture", run.claim().request().architecture());
        parameters.set("training", run.claim().request().training());
        parameters.putObject("dataset").put("name", dataset.name()).put("version", dataset.version())
                .put("sha256", dataset.sha256());
        parameters.put("epochsTrained", training.path("epochs").asInt());
        parameters.put("bestEpoch", training.path("bestEpoch").asInt());
        if (training.hasNonNull("selectedBy")) {
            parameters.put("selectedBy", training.path("selectedBy").asString());
        }
        parameters.put("trainingStatus", training.path("status").asString());
        return parameters;
    }
}
