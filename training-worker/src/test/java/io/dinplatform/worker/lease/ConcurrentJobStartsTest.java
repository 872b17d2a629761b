package io.dinplatform.worker.lease;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.dinplatform.worker.WorkerContextTest;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workers start the jobs of different leased jobs at the same moment: every start must succeed the first time. The
 * lease already makes one worker the only launcher of a job instance, so the job repository must not refuse a start
 * because another worker was creating another instance at once (what PostgreSQL's serializable isolation does on
 * the small job-instance table).
 */
class ConcurrentJobStartsTest extends WorkerContextTest {

    private static final int WORKERS = 8;
    private static final int ROUNDS = 5;

    @Autowired
    JobRepository jobRepository;
    @Autowired
    JobOperator jobOperator;
    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void jobsOfDifferentLeasedJobsStartedAtOnceAllStartTheFirstTime() throws Exception {
        Job job = new JobBuilder("concurrent-start-probe", jobRepository)
                .start(new StepBuilder("noop", jobRepository)
                        .tasklet((contribution, context) -> RepeatStatus.FINISHED, transactionManager).build())
                .build();
        LeasedJobLauncher launcher = new LeasedJobLauncher(job, new JobIdParameter("probeId"), jobOperator,
                jobRepository);
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                CyclicBarrier together = new CyclicBarrier(WORKERS);
                List<Future<JobExecution>> launches = new ArrayList<>();
                for (int i = 0; i < WORKERS; i++) {
                    Callable<JobExecution> launch = () -> {
                        together.await();
                        return launcher.launch(UUID.randomUUID());
                    };
                    launches.add(workers.submit(launch));
                }
                for (Future<JobExecution> launch : launches) {
                    assertThat(launch.get().getStatus()).isEqualTo(BatchStatus.COMPLETED);
                }
            }
        } finally {
            workers.shutdownNow();
        }
    }
}
