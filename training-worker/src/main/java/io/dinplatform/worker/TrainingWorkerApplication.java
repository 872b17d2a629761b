package io.dinplatform.worker;

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
        SpringApplication application = new SpringApplication(TrainingWorkerApplication.class);
        application.setAdditionalProfiles("worker");
        application.run(args);
    }
}
