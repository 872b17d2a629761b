package io.dinplatform.worker;

import java.nio.file.Path;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that drive the queue by hand: the catalog on a real (embedded) PostgreSQL, migrated from empty,
 * and no worker of its own that would claim the runs the tests queue.
 */
@SpringBootTest(classes = WorkerTestApplication.class, properties = {
        "din.worker.enabled=false", "din.worker.embedded=false", "spring.batch.job.enabled=false"})
public abstract class QueueContextTest {

    private static final Path DATA_DIR = TemporaryDataDirectory.create("queue");

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("din.data-dir", DATA_DIR::toString);
    }
}
