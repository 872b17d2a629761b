package io.dinplatform.worker.job;

import io.dinplatform.registry.audit.AuditLog;
import io.dinplatform.registry.artifact.ArtifactStore;
import io.dinplatform.registry.dataset.DatasetRepository;
import io.dinplatform.registry.dataset.EncodedDatasetRepository;
import io.dinplatform.registry.reference.DatasetContent;
import io.dinplatform.registry.model.ModelRepository;
import io.dinplatform.registry.run.RunQueue;
import io.dinplatform.registry.run.TrainingRunRepository;
import io.dinplatform.worker.WorkerProperties;
import io.dinplatform.worker.device.StepEngineThreads;
import io.dinplatform.worker.encoding.DatasetEncodings;
import io.dinplatform.worker.steps.ActiveRuns;
import io.dinplatform.worker.steps.Checkpoints;
import io.dinplatform.worker.steps.EvaluateTasklet;
import io.dinplatform.worker.steps.ModelRegistration;
import io.dinplatform.worker.steps.PrepareTasklet;
import io.dinplatform.worker.steps.PreparedDatasets;
import io.dinplatform.worker.steps.RegisterTasklet;
import io.dinplatform.worker.steps.RegistrationAudit;
import io.dinplatform.worker.steps.RunReporter;
import io.dinplatform.worker.steps.MetricHistories;
import io.dinplatform.worker.steps.MetricHistoryProperties;
import io.dinplatform.worker.steps.ShardProperties;
import io.dinplatform.worker.steps.TrainTasklet;
import io.dinplatform.worker.steps.TrainingSessions;
import java.time.Clock;

import io.dinplatform.registry.run.RunMetricRepository;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The training job: {@code prepare → train → evaluate → register}, each step restartable.
 *
 * <p>The steps' own work runs outside any database transaction ({@link ResourcelessTransactionManager}): training
 * takes minutes to hours and must not hold a connection or a transaction open, and its progress writes must be
 * visible at once. The job repository still records every step and its execution context in its own short
 * transactions; the register step opens the one transaction that matters, around the registration itself.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ShardProperties.class, MetricHistoryProperties.class})
public class TrainingJobConfiguration {

    public static final String JOB_NAME = "dinTrainingJob";

    private static final PlatformTransactionManager NO_TRANSACTION = new ResourcelessTransactionManager();

    @Bean
    DatasetEncodings datasetEncodings(EncodedDatasetRepository encodings, ArtifactStore artifacts,
                                      DatasetContent content) {
        return new DatasetEncodings(encodings, artifacts, content);
    }

    @Bean
    PreparedDatasets preparedDatasets(DatasetRepository datasets, DatasetEncodings encodings,
                                      ShardProperties shards) {
        return new PreparedDatasets(datasets, encodings, shards);
    }

    @Bean
    TrainingSessions trainingSessions() {
        return new TrainingSessions();
    }

    @Bean
    Checkpoints checkpoints(ArtifactStore artifacts) {
        return new Checkpoints(artifacts);
    }

    @Bean
    ModelRegistration modelRegistration(ModelRepository models) {
        return new ModelRegistration(models);
    }

    @Bean
    RegistrationAudit registrationAudit(AuditLog log, ObjectProvider<MeterRegistry> meters) {
        meters.ifAvailable(registry -> FunctionCounter.builder("din.audit.write.failures", log,
                        AuditLog::failedWrites)
                .description("Audit log entries that could not be written (the change they record was made)")
                .register(registry));
        return new RegistrationAudit(log);
    }

    @Bean
    RunReporter runReporter(RunQueue queue, TrainingRunRepository runs) {
        return new RunReporter(queue, runs);
    }

    @Bean
    MetricHistories metricHistories(RunMetricRepository metrics, MetricHistoryProperties properties,
                                    WorkerProperties worker) {
        return new MetricHistories(metrics, properties, worker.progressEverySteps(), Clock.systemUTC());
    }

    @Bean(JOB_NAME)
    Job dinTrainingJob(JobRepository jobRepository, ActiveRuns activeRuns, RunQueue queue, PreparedDatasets datasets,
                       TrainingSessions sessions, Checkpoints checkpoints, RunReporter reporter,
                       ArtifactStore artifacts, ModelRegistration registration, MetricHistories histories,
                       PlatformTransactionManager transactionManager, WorkerProperties properties,
                       RegistrationAudit audit) {
        StepEngineThreads threads = new StepEngineThreads(properties.resolvedEngineThreads());
        Step prepare = step("prepare", new PrepareTasklet(activeRuns, datasets, reporter), jobRepository, threads);
        Step train = step("train", new TrainTasklet(activeRuns, datasets, sessions, checkpoints, reporter,
                jobRepository, histories), jobRepository, threads);
        Step evaluate = step("evaluate", new EvaluateTasklet(activeRuns, datasets, sessions, checkpoints, reporter),
                jobRepository, threads);
        Step register = step("register", new RegisterTasklet(activeRuns, datasets, sessions, checkpoints, artifacts,
                queue, registration, new TransactionTemplate(transactionManager), reporter, audit), jobRepository,
                threads);
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(prepare)
                .next(train)
                .next(evaluate)
                .next(register)
                // Only a worker that holds a run starts its job: launched without one (for instance at start-up,
                // when spring.batch.job.enabled was left on) it fails at once, naming what is missing.
                .validator(new DefaultJobParametersValidator(new String[] {ActiveRuns.RUN_ID.name()},
                        new String[0]))
                .listener(new RunExecutionListener(activeRuns, queue, datasets, sessions))
                .build();
    }

    private static Step step(String name, Tasklet tasklet, JobRepository jobRepository, StepEngineThreads threads) {
        return new StepBuilder(name, jobRepository).tasklet(tasklet, NO_TRANSACTION).listener(threads).build();
    }
}
