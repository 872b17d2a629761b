package io.dinplatform.worker.scoring;

import java.util.UUID;

import io.dinplatform.core.schema.FeatureSchema;
import io.dinplatform.core.schema.FeatureSchemaJson;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.registry.dataset.DatasetVersion;
import io.dinplatform.registry.scoring.BatchPredictionRepository;
import io.dinplatform.registry.storage.DataDirectoryProperties;
import io.dinplatform.worker.lease.PermanentJobFailure;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The batch prediction job: {@code score → publish}.
 *
 * <p>{@code score} is a chunk-oriented step: the reader hands out dataset rows, the writer scores each chunk in one
 * forward pass and appends it to the scores file, and each chunk commits in one database transaction together with
 * the step's saved position (rows read, bytes written) and the prediction's progress. A restart (the same job
 * instance, keyed by the prediction's id) resumes after the last committed chunk. {@code publish} verifies the file,
 * computes the metrics and moves it into the artifact store.
 *
 * <p>The reader and the writer are step-scoped: each execution gets its own, for the prediction its job parameter
 * names.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BatchPredictionProperties.class)
public class BatchPredictionJobConfiguration {

    public static final String JOB_NAME = "dinBatchPredictionJob";

    private static final String PREDICTION_ID = "#{jobParameters['" + ActiveBatchPredictions.PREDICTION_ID_PARAMETER
            + "']}";

    @Bean
    ActiveBatchPredictions activeBatchPredictions() {
        return new ActiveBatchPredictions();
    }

    @Bean
    ScratchFiles batchPredictionScratch(BatchPredictionProperties properties, DataDirectoryProperties data) {
        return new ScratchFiles(data.resolve(properties.scratchDirectory(), "batch-predictions"));
    }

    @Bean
    @StepScope
    DatasetRowReader batchPredictionReader(@Value(PREDICTION_ID) String id, ActiveBatchPredictions active,
                                           DatasetRepository datasets, ArtifactStore artifacts) {
        DatasetVersion dataset = datasetOf(active.require(UUID.fromString(id)), datasets);
        return new DatasetRowReader(artifacts, dataset.sha256(), schemaOf(dataset));
    }

    @Bean
    @StepScope
    ScoringWriter batchPredictionWriter(@Value(PREDICTION_ID) String id, ActiveBatchPredictions active,
                                        DatasetRepository datasets, ArtifactStore artifacts, ScratchFiles scratch,
                                        BatchPredictionProperties properties) {
        ActiveBatchPrediction prediction = active.require(UUID.fromString(id));
        boolean labelled = schemaOf(datasetOf(prediction, datasets)).label() != null;
        return new ScoringWriter(artifacts, prediction.prediction().model().bundleSha256(), prediction.device(),
                properties.chunkSize(), ScoresFile.writer(scratch.scoresOf(prediction.id()), labelled));
    }

    @Bean(JOB_NAME)
    Job dinBatchPredictionJob(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                              DatasetRowReader batchPredictionReader, ScoringWriter batchPredictionWriter,
                              ActiveBatchPredictions active, BatchPredictionRepository predictions,
                              ArtifactStore artifacts, ScratchFiles scratch, BatchPredictionProperties properties) {
        Step score = new StepBuilder("score", jobRepository)
                .<DatasetRow, DatasetRow>chunk(properties.chunkSize())
                .transactionManager(transactionManager)
                .reader(batchPredictionReader)
                .writer(batchPredictionWriter)
                .listener(new LostScratchFile(active, scratch))
                .listener(new ScoringProgress(predictions, active))
                .interruptionPolicy(new ChunkBoundaryStop(active))
                .build();
        Step publish = new StepBuilder("publish", jobRepository)
                .tasklet(new PublishTasklet(active, predictions, artifacts, scratch), transactionManager)
                .build();
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(score)
                .next(publish)
                // Only a worker that holds a prediction starts its job; launched without one it fails at once.
                .validator(new DefaultJobParametersValidator(
                        new String[] {ActiveBatchPredictions.PREDICTION_ID_PARAMETER},
                        new String[0]))
                .listener(new BatchPredictionExecutionListener(active, predictions))
                .build();
    }

    private static DatasetVersion datasetOf(ActiveBatchPrediction prediction, DatasetRepository datasets) {
        long id = prediction.prediction().dataset().id();
        return datasets.findById(id).orElseThrow(() -> new PermanentJobFailure(
                "dataset version " + id + " no longer exists in the catalog"));
    }

    private static FeatureSchema schemaOf(DatasetVersion dataset) {
        return FeatureSchemaJson.fromTree(dataset.schema());
    }
}
