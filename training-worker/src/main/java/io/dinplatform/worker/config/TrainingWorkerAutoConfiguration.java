package io.dinplatform.worker.config;

import io.dinplatform.registry.RegistryAutoConfiguration;
import io.dinplatform.registry.database.EmbeddedDatabaseAutoConfiguration;
import io.dinplatform.registry.run.RunLease;
import io.dinplatform.registry.run.RunQueue;
import io.dinplatform.registry.run.TrainingWorkers;
import io.dinplatform.worker.WorkerProperties;
import io.dinplatform.worker.device.DeviceResolver;
import io.dinplatform.worker.job.RunExecutor;
import io.dinplatform.worker.job.TrainingJobConfiguration;
import io.dinplatform.worker.job.WorkerLoop;
import io.dinplatform.worker.lease.LeaseHeartbeat;
import io.dinplatform.worker.lease.LeasedJobLauncher;
import io.dinplatform.worker.lease.WorkerIdentity;
import io.dinplatform.worker.presence.LivenessFile;
import io.dinplatform.worker.presence.WorkerPresence;
import io.dinplatform.worker.presence.WorkerStartup;
import io.dinplatform.worker.scoring.BatchPredictionWorkerConfiguration;
import io.dinplatform.worker.steps.ActiveRuns;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A training worker in this process: the worker application ({@code din.worker.enabled=true}) or the worker that
 * platform-api embeds in standalone mode (see {@link WorkerEnabledCondition}). It claims queued runs from the
 * catalog's database and runs each as the Spring Batch job of {@link TrainingJobConfiguration}.
 *
 * <p>{@code job-repository.properties} beside this class sets the job repository's defaults that several workers
 * on one database need (the application's own properties override them).
 */
@AutoConfiguration(after = {EmbeddedDatabaseAutoConfiguration.class, RegistryAutoConfiguration.class,
        BatchJdbcAutoConfiguration.class})
@Conditional(WorkerEnabledCondition.class)
@EnableConfigurationProperties(WorkerProperties.class)
@Import({TrainingJobConfiguration.class, BatchPredictionWorkerConfiguration.class})
@PropertySource("classpath:io/dinplatform/worker/config/job-repository.properties")
public class TrainingWorkerAutoConfiguration {

    @Bean
    WorkerIdentity workerIdentity(WorkerProperties properties) {
        return WorkerIdentity.of(properties.id());
    }

    @Bean
    RunQueue runQueue(JdbcClient jdbc) {
        return new RunQueue(jdbc);
    }

    @Bean
    TrainingWorkers trainingWorkers(JdbcClient jdbc) {
        return new TrainingWorkers(jdbc);
    }

    /** Advertised for one lease and renewed every heartbeat, like the leases of the worker's runs. */
    @Bean(destroyMethod = "close")
    WorkerPresence workerPresence(TrainingWorkers workers, WorkerProperties properties) {
        return new WorkerPresence(workers, LivenessFile.at(properties.livenessFile()), properties.leaseDuration(),
                properties.heartbeatInterval());
    }

    @Bean(destroyMethod = "close")
    LeaseHeartbeat<RunLease> leaseHeartbeat(RunQueue queue, WorkerProperties properties) {
        return new LeaseHeartbeat<>(queue, "run", properties.leaseDuration(), properties.heartbeatInterval());
    }

    @Bean
    ActiveRuns activeRuns() {
        return new ActiveRuns();
    }

    @Bean
    DeviceResolver deviceResolver(WorkerProperties properties, WorkerIdentity identity) {
        return DeviceResolver.ofEngine(properties.device(), identity.id());
    }

    @Bean
    LeasedJobLauncher trainingJobLauncher(@Qualifier(TrainingJobConfiguration.JOB_NAME) Job trainingJob,
                                            JobOperator jobOperator, JobRepository jobRepository) {
        return new LeasedJobLauncher(trainingJob, ActiveRuns.RUN_ID, jobOperator, jobRepository);
    }

    @Bean
    RunExecutor runExecutor(RunQueue queue, ActiveRuns activeRuns, LeaseHeartbeat<RunLease> heartbeat,
                            LeasedJobLauncher launcher, DeviceResolver devices, WorkerProperties properties) {
        return new RunExecutor(queue, activeRuns, heartbeat, launcher, devices, properties.maxAttempts());
    }

    @Bean
    WorkerLoop workerLoop(RunQueue queue, RunExecutor executor, ActiveRuns activeRuns, WorkerIdentity identity,
                          DeviceResolver devices, WorkerPresence presence, WorkerProperties properties) {
        WorkerStartup startup = new WorkerStartup(identity, properties.device(), devices,
                properties.resolvedEngineThreads());
        return new WorkerLoop(queue, executor, activeRuns, identity, startup, presence, properties.leaseDuration(),
                properties.pollInterval(), properties.shutdownTimeout());
    }
}
