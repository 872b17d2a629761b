package io.dinplatform.worker.scoring;

import java.util.UUID;

import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.registry.scoring.BatchPredictionRepository;
import io.dinplatform.registry.scoring.PredictionPartitions;
import io.dinplatform.worker.WorkerProperties;
import io.dinplatform.worker.device.StepEngineThreads;
import io.dinplatform.worker.encoding.DatasetEncodings;
import io.dinplatform.worker.steps.ShardProperties;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The batch prediction job: {@code encode → score → publish}, where {@code score} is a Spring Batch partitioned step.
 *
 * <p>{@code encode} finds the dataset version's scoring shards, or encodes them once ({@link ScoringShards}), before
 * any partition is handed out. {@code score} runs on the worker that holds the prediction's lease: {@link UnscoredPartitionSplitter} creates a
 * step execution of {@code scorePartition} for every partition not yet scored, and {@link CatalogPartitionHandler}
 * hands them out through the catalog and waits until all have ended. Any worker's {@link PartitionLoop} executes
 * them: {@code scorePartition} is a chunk-oriented step whose reader hands out the partition's range of the shards'
 * rows and whose writer scores each chunk in one forward pass, appends it to the partition's part in the artifact
 * store and commits the partition's progress with the chunk. A restart (the same job instance, keyed by the prediction's id)
 * hands out only the partitions without a part. {@code publish} assembles the parts into the result.
 *
 * <p>The reader and the writer are step-scoped: each partition's execution gets its own, for the partition its step
 * execution context names.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BatchPredictionProperties.class)
public class BatchPredictionJobConfiguration {

    public static final String JOB_NAME = "dinBatchPredictionJob";

    /** The step that scores one partition, on any worker. */
    public static final String PARTITION_STEP = "scorePartition";

    private static final String PARTITION_ID = "#{stepExecutionContext['" + RowRangePartitioner.PARTITION_ID + "']}";

    @Bean
    ActiveBatchPredictions activeBatchPredictions() {
        return new ActiveBatchPredictions();
    }

    @Bean
    ActivePartitions activePartitions() {
        return new ActivePartitions();
    }

    @Bean
    ScoringShards scoringShards(DatasetRepository datasets, DatasetEncodings encodings, ShardProperties shards) {
        return new ScoringShards(datasets, encodings, shards.rowsPerShard());
    }

    @Bean
    @StepScope
    ShardRowReader partitionReader(@Value(PARTITION_ID) String id, ActivePartitions active,
                                   ScoringShards shards) {
        ActivePartition partition = active.require(UUID.fromString(id));
        return new ShardRowReader(() -> shards.of(partition.prediction()).shards(),
                partition.partition().firstRow(), partition.partition().rowCount());
    }

    @Bean
    @StepScope
    ScoringWriter partitionWriter(@Value(PARTITION_ID) String id, ActivePartitions active, ArtifactStore artifacts,
                                  PredictionPartitions partitions, BatchPredictionProperties properties) {
        return new ScoringWriter(artifacts, partitions, active.require(UUID.fromString(id)), properties.chunkSize());
    }

    @Bean(PARTITION_STEP)
    Step scorePartition(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                        ShardRowReader partitionReader, ScoringWriter partitionWriter, ActivePartitions active,
                        BatchPredictionProperties properties, WorkerProperties worker) {
        return new StepBuilder(PARTITION_STEP, jobRepository)
                .<ShardRow, ShardRow>chunk(properties.chunkSize())
                .listener(new StepEngineThreads(worker.resolvedEngineThreads()))
                .transactionManager(transactionManager)
                .reader(partitionReader)
                .writer(partitionWriter)
                .interruptionPolicy(new ChunkBoundaryStop(active))
                .build();
    }

    @Bean(JOB_NAME)
    Job dinBatchPredictionJob(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                              @Qualifier(PARTITION_STEP) Step scorePartition, ActiveBatchPredictions active,
                              BatchPredictionRepository predictions, PredictionPartitions partitions,
                              DatasetRepository datasets, ArtifactStore artifacts, ScoringShards shards,
                              BatchPredictionProperties properties) {
        Step encode = new StepBuilder("encode", jobRepository)
                .tasklet(new EncodeTasklet(active, shards), transactionManager)
                .build();
        Step score = new StepBuilder("score", jobRepository)
                .partitioner(scorePartition)
                .splitter(new UnscoredPartitionSplitter(PARTITION_STEP, jobRepository, active, partitions,
                        properties.chunkSize()))
                .partitionHandler(new CatalogPartitionHandler(active, partitions, jobRepository,
                        properties.partitionPollInterval()))
                .build();
        Step publish = new StepBuilder("publish", jobRepository)
                .tasklet(new PublishTasklet(active, predictions, partitions, datasets, artifacts),
                        transactionManager)
                .build();
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(encode)
                .next(score)
                .next(publish)
                // Only a worker that holds a prediction starts its job; launched without one it fails at once.
                .validator(new DefaultJobParametersValidator(
                        new String[] {ActiveBatchPredictions.PREDICTION_ID_PARAMETER},
                        new String[0]))
                .listener(new BatchPredictionExecutionListener(active, predictions))
                .build();
    }
}
