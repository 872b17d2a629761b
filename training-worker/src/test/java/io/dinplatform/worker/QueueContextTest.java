package io.dinplatform.worker;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that drive the queue by hand: the catalog on a real (embedded) PostgreSQL, migrated from empty,
 * and no worker of its own that would claim the runs the tests queue.
 */
@SpringBootTest(classes = WorkerTestApplication.class, properties = {
        "din.worker.enabled=false", "din.worker.embedded=false", "spring.batch.job.enabled=false"})
public abstract class QueueContextTest {

    @Autowired
    private JdbcClient jdbcClient;

    /** Each test starts with an empty queue: what earlier tests left unfinished is cancelled, so nobody claims it. */
    @BeforeEach
    void retireUnfinishedRuns() {
        jdbcClient.sql("""
                        UPDATE training_runs
                        SET status = 'CANCELLED', finished_at = now(), lease_holder = NULL, lease_expires_at = NULL
                        WHERE status IN ('QUEUED', 'RUNNING')
                        """)
                .update();
    }

    /**
     * A data directory per application context: a subclass that adds properties gets a context of its own, whose
     * embedded PostgreSQL must not meet the first one's in the same directory.
     */
    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        Path dataDirectory = TemporaryDataDirectory.create("queue");
        registry.add("din.data-dir", dataDirectory::toString);
    }
}
