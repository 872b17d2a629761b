package io.dinplatform.worker.scoring;

import io.dinplatform.registry.scoring.BatchPredictionRepository;
import io.dinplatform.registry.scoring.PartitionLease;
import io.dinplatform.registry.scoring.PredictionPartitions;
import io.dinplatform.registry.scoring.ScoringLease;
import io.dinplatform.worker.WorkerProperties;
import io.dinplatform.worker.device.DeviceResolver;
import io.dinplatform.worker.lease.LeaseHeartbeat;
import io.dinplatform.worker.lease.LeasedJobLauncher;
import io.dinplatform.worker.lease.WorkerIdentity;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Batch predictions on a training worker: the loop that claims them under the worker's identity, the loop that
 * claims partitions of any worker's prediction, both with the worker's lease, heartbeat, polling and retry settings,
 * and the job that scores them.
 */
@Configuration(proxyBeanMethods = false)
@Import(BatchPredictionJobConfiguration.class)
public class BatchPredictionWorkerConfiguration {

    @Bean(destroyMethod = "close")
    LeaseHeartbeat<ScoringLease> scoringHeartbeat(BatchPredictionRepository predictions,
                                                  WorkerProperties properties) {
        return new LeaseHeartbeat<>(predictions, "batch prediction", properties.leaseDuration(),
                properties.heartbeatInterval());
    }

    @Bean
    BatchPredictionExecutor batchPredictionExecutor(
            BatchPredictionRepository predictions, ActiveBatchPredictions active,
            LeaseHeartbeat<ScoringLease> heartbeat,
            @Qualifier(BatchPredictionJobConfiguration.JOB_NAME) Job job, JobOperator jobOperator,
            JobRepository jobRepository, DeviceResolver devices, WorkerProperties properties) {
        return new BatchPredictionExecutor(predictions, active, heartbeat,
                new LeasedJobLauncher(job, ActiveBatchPredictions.PREDICTION_ID, jobOperator, jobRepository), devices,
                properties.maxAttempts());
    }

    @Bean
    BatchPredictionLoop batchPredictionLoop(BatchPredictionRepository predictions, BatchPredictionExecutor executor,
                                            ActiveBatchPredictions active, WorkerIdentity identity,
                                            WorkerProperties properties) {
        return new BatchPredictionLoop(predictions, executor, active, identity, properties.leaseDuration(),
                properties.pollInterval(), properties.shutdownTimeout());
    }

    @Bean(destroyMethod = "close")
    LeaseHeartbeat<PartitionLease> partitionHeartbeat(PredictionPartitions partitions, WorkerProperties properties) {
        return new LeaseHeartbeat<>(partitions, "prediction partition", properties.leaseDuration(),
                properties.heartbeatInterval());
    }

    @Bean
    PartitionExecutor partitionExecutor(PredictionPartitions partitions, BatchPredictionRepository predictions,
                                        ActivePartitions active, LeaseHeartbeat<PartitionLease> heartbeat,
                                        @Qualifier(BatchPredictionJobConfiguration.PARTITION_STEP) Step step,
                                        JobRepository jobRepository, DeviceResolver devices,
                                        WorkerProperties properties) {
        return new PartitionExecutor(partitions, predictions, active, heartbeat, step, jobRepository, devices,
                properties.maxAttempts());
    }

    @Bean
    PartitionLoop partitionLoop(PredictionPartitions partitions, PartitionExecutor executor, ActivePartitions active,
                                WorkerIdentity identity, WorkerProperties properties) {
        return new PartitionLoop(partitions, executor, active, identity, properties.leaseDuration(),
                properties.pollInterval(), properties.shutdownTimeout());
    }
}
