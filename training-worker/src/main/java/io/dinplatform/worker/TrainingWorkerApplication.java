package io.dinplatform.worker;

import io.dinplatform.core.data.shard.ArrowMemory;
import io.dinplatform.core.device.NativeAllocator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A training worker process for GPU or CPU machines: it claims queued runs from the platform's PostgreSQL
 * ({@code SPRING_DATASOURCE_URL}) and trains them; start as many as there are devices to use.
 */
@SpringBootApplication
public class TrainingWorkerApplication {

    public static void main(String[] args) {
        // Before the engine allocates anything: a training step then reuses the previous step's memory.
        NativeAllocator.tuneForEngineWorkloads();
        // A JVM started without Arrow's flag fails here, naming it, rather than in the first run's encoding.
        ArrowMemory.requireAccess();
        SpringApplication application = new SpringApplication(TrainingWorkerApplication.class);
        application.setAdditionalProfiles("worker");
        application.run(args);
    }
}
