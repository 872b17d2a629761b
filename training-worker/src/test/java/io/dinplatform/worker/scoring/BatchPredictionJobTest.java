package io.dinplatform.worker.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

import ai.djl.Device;
import io.dinplatform.core.bundle.BundleReader;
import io.dinplatform.core.bundle.ModelBundle;
import io.dinplatform.core.data.EncodedDataset;
import io.dinplatform.core.data.csv.CsvRecordReader;
import io.dinplatform.core.data.samples.SampleRow;
import io.dinplatform.core.data.samples.SamplesReader;
import io.dinplatform.core.data.synthetic.SyntheticConfig;
import io.dinplatform.core.metrics.BaselineMetrics;
import io.dinplatform.core.metrics.EvaluationMetrics;
import io.dinplatform.core.metrics.PopularityBaseline;
import io.dinplatform.core.schema.FeatureKind;
import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSchemaJson;
import io.dinplatform.core.schema.FeatureSpec;
import io.dinplatform.core.serving.Scorer;
import io.dinplatform.core.serving.UnknownFeatures;
import io.dinplatform.core.train.TrainingJob;
import io.dinplatform.core.train.TrainingListener;
import io.dinplatform.registry.artifact.StoredArtifact;
import io.dinplatform.registry.dataset.DatasetObject;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.reference.DataReferenceProperties;
import io.dinplatform.registry.lease.JobStatus;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.model.ModelVersion;
import io.dinplatform.registry.scoring.BatchPrediction;
import io.dinplatform.registry.scoring.BatchPredictionRepository;
import io.dinplatform.registry.scoring.NewBatchPrediction;
import io.dinplatform.registry.scoring.PredictionPartition;
import io.dinplatform.registry.scoring.PredictionPartitions;
import io.dinplatform.worker.TestCatalog;
import io.dinplatform.worker.TestModels;
import io.dinplatform.worker.WorkerContextTest;
import io.dinplatform.worker.lease.LeasedJobLauncher;
import io.dinplatform.worker.lease.PermanentJobFailure;
import io.dinplatform.worker.steps.PreparedDatasets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.item.ChunkOrientedStep;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Batch predictions scored by the real worker: a DIN trained with din-core scores a dataset version in partitions
 * and chunks on the real PyTorch engine, and the result in the artifact store holds, for every dataset row exactly
 * once, the score that din-core's serving scorer gives the same row, with the bytes that scoring the raw rows gives
 * (the partitions read the version's scoring shards and translate their ids into the model's), however many
 * partitions scored it. A prediction whose worker dies midway is resumed by the next worker without its scored partitions.
 */
class BatchPredictionJobTest extends WorkerContextTest {

    /** Four chunks and a bit of the default size (1024 rows): three partitions have two chunks each. */
    private static final SyntheticConfig SCORED = new SyntheticConfig(820, 60, 8, 2, 8, 5, 0.05, 13);
    private static final String DEAD_WORKER = "dead-worker";

    /** Trained once for the class: every test scores with it. */
    private static ModelVersion model;
    private static DatasetVersion dataset;

    @Autowired
    BatchPredictionRepository predictions;
    @Autowired
    ModelRepository models;
    @Autowired
    ActiveBatchPredictions active;
    @Autowired
    @Qualifier(BatchPredictionJobConfiguration.JOB_NAME)
    Job job;
    @Autowired
    JobOperator jobOperator;
    @Autowired
    JobRepository jobRepository;
    @Autowired
    ActivePartitions activePartitions;
    @Autowired
    PredictionPartitions partitions;
    @Autowired
    @Qualifier(BatchPredictionJobConfiguration.PARTITION_STEP)
    Step partitionStep;
    @Autowired
    BatchPredictionProperties properties;
    @Autowired
    DataReferenceProperties references;
    @Autowired
    PreparedDatasets preparedDatasets;

    @BeforeEach
    void aTrainedModel() throws IOException {
        if (model == null) {
            dataset = catalog.registerSynthetic("scored", SCORED);
            model = TestModels.trainAndRegister(artifacts, models, "scoring-din",
                    catalog.registerSynthetic("scoring-training", TestCatalog.TINY));
        }
    }

    @Test
    void everyRowIsScoredOnceWithTheScorersScoreAndTheMetricsOfTheLabels() throws IOException {
        UUID id = queue(1);

        BatchPrediction prediction = awaitPrediction(id);

        assertThat(prediction.status()).as("error: %s", prediction.error()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(prediction.attempts()).isEqualTo(1);
        assertThat(prediction.worker()).isEqualTo("test-worker");
        assertThat(prediction.rowsScored()).isEqualTo(dataset.rows()).isEqualTo(prediction.rowsTotal());
        assertThat(prediction.leaseHolder()).isNull();
        List<String[]> lines = resultOf(prediction);
        assertThat(lines.get(0)).containsExactly("row", "group", "item", "score", "label", "unknownFeatures");
        Expected expected = expectedScores();
        assertScoresEqual(lines.subList(1, lines.size()), expected);
        for (int i = 1; i < lines.size(); i++) {
            assertThat(lines.get(i)[5]).as("unknown features of row %d", i)
                    .isEqualTo(String.join("|", expected.unknownFeatures().get(i - 1)));
        }
        assertThat(expected.unknownFeatures()).as("the dataset holds ids the model never saw").anySatisfy(
                unknown -> assertThat(unknown).isNotEmpty());
        assertThat(prediction.metrics().path("baseline").path("name").asString()).isEqualTo("popularity");
        assertThat(prediction.metrics().path("baseline").path("auc").asDouble()).isEqualTo(expected.baseline().auc());
        assertThat(prediction.metrics().path("baseline").path("gauc").asDouble())
                .isEqualTo(expected.baseline().gauc());
        assertThat(prediction.metrics().path("baseline").path("beaten").asBoolean())
                .isEqualTo(expected.baseline().isBeatenBy(expected.metrics()));
        assertThat(prediction.metrics().path("auc").asDouble()).isEqualTo(expected.metrics().auc());
        assertThat(prediction.metrics().path("gauc").asDouble()).isEqualTo(expected.metrics().gauc());
        assertThat(prediction.metrics().path("logloss").asDouble()).isEqualTo(expected.metrics().logLoss());
        assertThat(prediction.metrics().path("samples").asLong()).isEqualTo(dataset.rows());
        assertThat(chunksCommitted(prediction.jobExecutionId())).isEqualTo((dataset.rows() + chunk() - 1) / chunk());
    }

    @Test
    void theResultHasTheBytesThatScoringTheRawRowsGives() throws IOException {
        BatchPrediction prediction = awaitPrediction(queue(2));

        assertThat(prediction.status()).as("error: %s", prediction.error()).isEqualTo(JobStatus.SUCCEEDED);
        byte[] result;
        try (InputStream in = artifacts.openVerified(prediction.result().sha256())) {
            result = in.readAllBytes();
        }
        assertThat(new String(result, StandardCharsets.UTF_8)).isEqualTo(rowPathResult());
    }

    @Test
    void threePartitionsGiveTheSameBytesAsOneAndTheirProgressAddsUpToEveryRow() throws IOException {
        BatchPrediction whole = awaitPrediction(queue(1));
        BatchPrediction partitioned = awaitPrediction(queue(3));

        assertThat(partitioned.status()).as("error: %s", partitioned.error()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(partitioned.partitions()).isEqualTo(3);
        assertThat(partitioned.result()).as("the same bytes have the same SHA-256").isEqualTo(whole.result());
        assertThat(partitioned.metrics()).isEqualTo(whole.metrics());
        assertThat(partitioned.rowsScored()).isEqualTo(dataset.rows());
        List<PredictionPartition> parts = partitions.of(partitioned.id());
        assertThat(parts).extracting(PredictionPartition::status).containsOnly(JobStatus.SUCCEEDED).hasSize(3);
        assertThat(parts).allSatisfy(part -> {
            assertThat(part.rowsScored()).isEqualTo(part.rowCount()).isPositive();
            assertThat(part.firstRow() % chunk()).as("whole chunks").isZero();
        });
        assertThat(parts.get(1).firstRow()).isEqualTo(parts.get(0).rowCount());
        assertThat(parts.stream().mapToLong(PredictionPartition::rowCount).sum()).isEqualTo(dataset.rows());
        assertThat(partitionStepExecutions(partitioned.jobExecutionId())).containsExactly(
                "scorePartition:partition0", "scorePartition:partition1", "scorePartition:partition2");
        List<String[]> lines = resultOf(partitioned);
        assertScoresEqual(lines.subList(1, lines.size()), expectedScores());
    }

    @Test
    void aVersionReferencedInPartsScoresToTheBytesOfTheStoredFileFromShardsThatAChangedPartCannotReach() throws IOException {
        DatasetVersion referenced = catalog.registerReferenced("scored-referenced", SCORED,
                references.localDirectory(), 3);
        BatchPrediction whole = awaitPrediction(queue(1));

        BatchPrediction fromParts = awaitPrediction(predictions.create(new NewBatchPrediction(request(), model.id(),
                referenced.id(), referenced.rows(), 2)).id());

        assertThat(fromParts.status()).as("error: %s", fromParts.error()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(fromParts.result()).as("the same rows, numbered across the parts").isEqualTo(whole.result());

        DatasetObject last = datasets.findObjects(referenced.id()).get(2);
        Path file = references.localDirectory().resolve(last.location().substring("local:".length()));
        byte[] content = java.nio.file.Files.readAllBytes(file);
        content[content.length - 3] ^= 0x01; // a label flipped in the last row: the same size, another content
        java.nio.file.Files.write(file, content);
        BatchPrediction again = awaitPrediction(predictions.create(new NewBatchPrediction(request(), model.id(),
                referenced.id(), referenced.rows(), 2)).id());

        assertThat(again.status()).as("error: %s", again.error()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(again.result()).as("the shards encoded from the registered content").isEqualTo(whole.result());
        assertThatThrownBy(() -> preparedDatasets.of(UUID.randomUUID(), referenced.id()))
                .as("the next read of the objects: the version's training encoding")
                .isInstanceOf(PermanentJobFailure.class)
                .hasMessageContaining(last.location())
                .hasMessageContaining("changed after its dataset version was registered");
    }

    @Test
    void aPredictionWhoseWorkerDiedIsResumedWithoutScoringItsScoredPartitionsAgain() throws Exception {
        UUID id = insertPredictionHeldBy(DEAD_WORKER, 3);

        JobExecution died = manageUntilAPartitionIsScoredThenDie(id);
        leaveWhatAKilledProcessLeaves(id, died);
        Set<Integer> scoredBeforeTheRestart = scoredPartitions(id);

        BatchPrediction prediction = awaitPrediction(id);

        assertThat(prediction.status()).as("error: %s", prediction.error()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(prediction.attempts()).isEqualTo(2);
        assertThat(prediction.worker()).isEqualTo("test-worker");
        assertThat(executionStatuses(prediction.jobExecutionId())).containsExactly("FAILED", "COMPLETED");
        assertThat(scoredBeforeTheRestart).isNotEmpty();
        // The restart handed out only the partitions that had no part yet.
        assertThat(partitionStepExecutions(prediction.jobExecutionId()))
                .hasSizeLessThanOrEqualTo(3 - scoredBeforeTheRestart.size())
                .noneMatch(name -> scoredBeforeTheRestart.stream()
                        .anyMatch(index -> name.endsWith(":partition" + index)));
        List<String[]> lines = resultOf(prediction);
        assertScoresEqual(lines.subList(1, lines.size()), expectedScores());
    }

    @Test
    void aCancelledPredictionStopsEveryPartitionAndKeepsNoResult() {
        UUID id = UUID.randomUUID();
        cancelAfterSecondChunk(id);
        jdbc.sql("""
                        INSERT INTO batch_predictions (id, status, request, model_version_id, dataset_version_id,
                                                       rows_total, partitions)
                        VALUES (?, 'QUEUED', '{}'::jsonb, ?, ?, ?, 3)
                        """).params(id, model.id(), dataset.id(), dataset.rows()).update();

        BatchPrediction prediction = awaitPrediction(id);

        assertThat(prediction.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(prediction.result()).isNull();
        assertThat(prediction.rowsScored()).isLessThan(dataset.rows());
        // The first partition (one chunk) was scored before the cancellation; the second stopped after its first
        // chunk and the third never started.
        List<PredictionPartition> stopped = partitions.of(id);
        assertThat(stopped).extracting(PredictionPartition::status)
                .containsExactly(JobStatus.SUCCEEDED, JobStatus.CANCELLED, JobStatus.CANCELLED);
        assertThat(stopped.get(1).rowsScored()).isEqualTo(chunk()).isLessThan(stopped.get(1).rowCount());
        assertThat(stopped.subList(1, 3)).allSatisfy(partition -> assertThat(partition.part()).isNull());
    }

    private int chunk() {
        return properties.chunkSize();
    }

    /** The rows of the dataset, scored by din-core's scorer in the job's chunks, and their metrics. */
    private Expected expectedScores() throws IOException {
        FeatureSchema schema = FeatureSchemaJson.fromTree(dataset.schema());
        List<Map<String, Object>> instances = new ArrayList<>();
        List<Float> labels = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        try (InputStream in = artifacts.openVerified(dataset.sha256())) {
            new SamplesReader(schema).read(in, row -> {
                instances.add(instance(schema, row));
                labels.add((float) row.label());
                groups.add(row.group());
            });
        }
        float[] scores;
        List<List<String>> unknown;
        float[] popularity = new float[instances.size()];
        try (ModelBundle bundle = BundleReader.read(artifacts.verifiedPath(model.bundleSha256()),
                model.bundleSha256(), Device.cpu())) {
            Scorer scorer = new Scorer(bundle, chunk());
            scores = scorer.predict(instances);
            unknown = UnknownFeatures.ofEveryRow(scorer.encode(instances));
            PopularityBaseline baseline = PopularityBaseline.of(bundle.schema(), bundle.vocabularies()).orElseThrow();
            for (int i = 0; i < popularity.length; i++) {
                popularity[i] = baseline.score((String) instances.get(i).get(baseline.itemFeature()));
            }
        }
        float[] labelArray = new float[labels.size()];
        int[] groupArray = new int[groups.size()];
        Map<String, Integer> groupIds = new HashMap<>();
        for (int i = 0; i < labelArray.length; i++) {
            labelArray[i] = labels.get(i);
            groupArray[i] = groupIds.computeIfAbsent(groups.get(i), g -> groupIds.size());
        }
        return new Expected(scores, labels, groups, EvaluationMetrics.of(scores, labelArray, groupArray), unknown,
                BaselineMetrics.of(popularity, labelArray, groupArray));
    }

    /**
     * The result as scoring the raw rows gives it: each chunk's rows read from the dataset file with their raw values
     * and encoded by the model's own encoder, as an online prediction encodes them; group, item and label as the file
     * writes them.
     */
    private String rowPathResult() throws IOException {
        FeatureSchema schema = FeatureSchemaJson.fromTree(dataset.schema());
        String item = ResultColumns.itemFeature(schema);
        StringBuilder expected = new StringBuilder(ScoresFile.header(true));
        try (InputStream in = artifacts.openVerified(dataset.sha256());
             ModelBundle bundle = BundleReader.read(artifacts.verifiedPath(model.bundleSha256()),
                     model.bundleSha256(), Device.cpu())) {
            Scorer scorer = new Scorer(bundle, chunk());
            CsvRecordReader csv = new CsvRecordReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> header = List.of(csv.next());
            List<String[]> chunk = new ArrayList<>();
            long row = 0;
            for (String[] fields = csv.next(); fields != null; fields = csv.next()) {
                chunk.add(fields);
                if (chunk.size() == chunk()) {
                    row = appendScored(expected, chunk, row, header, schema, item, scorer);
                }
            }
            appendScored(expected, chunk, row, header, schema, item, scorer);
        }
        return expected.toString();
    }

    private static long appendScored(StringBuilder expected, List<String[]> chunk, long row, List<String> header,
                                     FeatureSchema schema, String item, Scorer scorer) {
        if (chunk.isEmpty()) {
            return row;
        }
        List<Map<String, String>> instances = new ArrayList<>();
        for (String[] fields : chunk) {
            Map<String, String> instance = new HashMap<>();
            for (FeatureSpec feature : schema.features()) {
                String value = fields[header.indexOf(feature.name())];
                instance.put(feature.name(), feature.kind() == FeatureKind.NUMERIC && value.isBlank() ? "0" : value);
            }
            instances.add(instance);
        }
        EncodedDataset encoded = scorer.encode(instances);
        float[] scores = scorer.score(encoded, false).scores();
        for (int i = 0; i < chunk.size(); i++) {
            String[] fields = chunk.get(i);
            expected.append(ScoresFile.line(new ScoredRow(++row, fields[header.indexOf(schema.effectiveGroup())],
                    fields[header.indexOf(item)], scores[i], fields[header.indexOf(schema.label())].trim(),
                    UnknownFeatures.of(encoded, i))));
        }
        chunk.clear();
        return row;
    }

    private record Expected(float[] scores, List<Float> labels, List<String> groups, EvaluationMetrics metrics,
                            List<List<String>> unknownFeatures, BaselineMetrics baseline) {
    }

    /** A row as an online request would send it: sequences as lists. */
    private static Map<String, Object> instance(FeatureSchema schema, SampleRow row) {
        Map<String, Object> instance = new HashMap<>();
        for (int i = 0; i < schema.categorical().size(); i++) {
            instance.put(schema.categorical().get(i).name(), row.categorical()[i]);
        }
        for (int i = 0; i < schema.sequences().size(); i++) {
            instance.put(schema.sequences().get(i).name(), List.of(row.sequences()[i].values()));
        }
        for (int i = 0; i < schema.numeric().size(); i++) {
            instance.put(schema.numeric().get(i).name(), Float.isNaN(row.numeric()[i]) ? 0f : row.numeric()[i]);
        }
        return instance;
    }

    private static void assertScoresEqual(List<String[]> lines, Expected expected) {
        assertThat(lines).hasSize(expected.scores().length);
        for (int i = 0; i < lines.size(); i++) {
            String[] line = lines.get(i);
            assertThat(Long.parseLong(line[0])).as("row number of line %d", i + 2).isEqualTo(i + 1);
            assertThat(line[1]).isEqualTo(expected.groups().get(i));
            assertThat(Float.parseFloat(line[3])).as("score of row %d", i + 1).isEqualTo(expected.scores()[i]);
            assertThat(Float.parseFloat(line[4])).isEqualTo(expected.labels().get(i));
        }
    }

    private List<String[]> resultOf(BatchPrediction prediction) throws IOException {
        assertThat(prediction.result()).isNotNull();
        List<String[]> lines = new ArrayList<>();
        try (InputStream in = artifacts.openVerified(prediction.result().sha256())) {
            CsvRecordReader csv = new CsvRecordReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String[] fields = csv.next(); fields != null; fields = csv.next()) {
                lines.add(fields);
            }
        }
        return lines;
    }

    private BatchPrediction awaitPrediction(UUID id) {
        await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> predictions.find(id).orElseThrow().status().isFinal());
        return predictions.find(id).orElseThrow();
    }

    private static JsonNode request() {
        return JsonMapper.shared().createObjectNode().put("test", true);
    }

    private UUID queue(int partitionCount) {
        return predictions.create(new NewBatchPrediction(request(), model.id(), dataset.id(), dataset.rows(),
                partitionCount)).id();
    }

    /** A prediction as a worker holds it right after its claim, with a lease the test's own worker leaves alone. */
    private UUID insertPredictionHeldBy(String worker, int partitionCount) {
        return jdbc.sql("""
                        INSERT INTO batch_predictions (status, request, model_version_id, dataset_version_id,
                                                       rows_total, partitions, lease_holder, worker,
                                                       lease_expires_at, heartbeat_at, attempts, started_at)
                        VALUES ('RUNNING', '{}'::jsonb, ?, ?, ?, ?, ?, ?, now() + interval '10 minutes', now(), 1,
                                now())
                        RETURNING id
                        """)
                .params(model.id(), dataset.id(), dataset.rows(), partitionCount, worker, worker)
                .query(UUID.class).single();
    }

    /**
     * Runs the prediction's job as the doomed worker, whose partitions the test's worker scores, and cuts the doomed
     * one off once the first partition has committed its last chunk, the way a crash does: from then on it writes
     * nothing at all (a lost lease is exactly that silence).
     */
    private JobExecution manageUntilAPartitionIsScoredThenDie(UUID id) throws Exception {
        ActiveBatchPrediction doomed = active.open(predictions.find(id).orElseThrow(), Device.cpu());
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<JobExecution> execution = thread.submit(() ->
                    new LeasedJobLauncher(job, ActiveBatchPredictions.PREDICTION_ID, jobOperator, jobRepository)
                            .launch(id));
            await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(20))
                    .until(() -> !scoredPartitions(id).isEmpty());
            doomed.control().leaseLost();
            JobExecution stopped = execution.get();
            assertThat(stopped.getStatus()).isNotEqualTo(BatchStatus.COMPLETED);
            return stopped;
        } finally {
            active.close(doomed);
            thread.shutdown();
        }
    }

    private Set<Integer> scoredPartitions(UUID id) {
        return partitions.of(id).stream().filter(partition -> partition.status() == JobStatus.SUCCEEDED)
                .map(PredictionPartition::index).collect(Collectors.toSet());
    }

    /** A killed JVM never ends its execution, and nobody renews its lease (last: then the live worker takes over). */
    private void leaveWhatAKilledProcessLeaves(UUID id, JobExecution execution) {
        jdbc.sql("UPDATE batch_job_execution SET status = 'STARTED', exit_code = 'UNKNOWN', end_time = NULL "
                + "WHERE job_execution_id = ?").param(execution.getId()).update();
        jdbc.sql("UPDATE batch_step_execution SET status = 'STARTED', exit_code = 'EXECUTING', end_time = NULL "
                + "WHERE job_execution_id = ? AND step_name = 'score'").param(execution.getId()).update();
        jdbc.sql("UPDATE batch_predictions SET lease_expires_at = now() - interval '1 second' WHERE id = ?")
                .param(id).update();
    }

    /**
     * Cancels the prediction through the catalog, the way the API does, once its second chunk has been written (the
     * first chunk of the second partition: partitions are claimed in order, one at a time here), and hands that
     * partition the flag its heartbeat would bring at the next renewal.
     */
    private void cancelAfterSecondChunk(UUID id) {
        afterChunk(id, chunk -> {
            if (chunk == 2) {
                predictions.requestCancel(id);
                activePartitions.require(StepSynchronizationManager.getContext().getStepExecution()).control()
                        .requestCancel();
            }
        });
    }

    /** Calls back after every chunk of this prediction's partitions, with the chunk's number over all of them. */
    private void afterChunk(UUID id, IntConsumer callback) {
        ChunkOrientedStep<ShardRow, ShardRow> score = partitionStep();
        int[] chunks = {0};
        score.registerChunkListener(new ChunkListener<>() {
            @Override
            public void afterChunk(Chunk<ShardRow> chunk) {
                var step = StepSynchronizationManager.getContext().getStepExecution();
                if (activePartitions.require(step).prediction().id().equals(id)) {
                    callback.accept(++chunks[0]);
                }
            }
        });
    }

    @SuppressWarnings("unchecked")
    private ChunkOrientedStep<ShardRow, ShardRow> partitionStep() {
        return (ChunkOrientedStep<ShardRow, ShardRow>) partitionStep;
    }

    private long chunksCommitted(long jobExecutionId) {
        return jdbc.sql("SELECT sum(commit_count) FROM batch_step_execution WHERE job_execution_id = ? "
                + "AND step_name LIKE 'scorePartition:%'").param(jobExecutionId).query(Long.class).single();
    }

    /** The names of the partition step executions that a job execution handed out, in partition order. */
    private List<String> partitionStepExecutions(long jobExecutionId) {
        return jdbc.sql("SELECT step_name FROM batch_step_execution WHERE job_execution_id = ? "
                        + "AND step_name LIKE 'scorePartition:%' ORDER BY step_name")
                .param(jobExecutionId).query(String.class).list();
    }
}
