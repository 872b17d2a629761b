package io.dinplatform.api;

import io.dinplatform.core.data.shard.ArrowMemory;
import io.dinplatform.core.device.NativeAllocator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The DIN Platform server: REST API, dashboard and (in standalone mode) an embedded training worker. With no
 * database configured it starts its own PostgreSQL with data in {@code ./din-data}.
 */
@SpringBootApplication
public class PlatformApiApplication {

    public static void main(String[] args) {
        // The PyTorch native libraries ship inside the jar: DJL must never try to download them.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        // Before the engine allocates anything: served and embedded-trained models reuse their memory step to step.
        NativeAllocator.tuneForEngineWorkloads();
        // A JVM started without Arrow's flag fails here, naming it, rather than in the first job that reads shards.
        ArrowMemory.requireAccess();
        SpringApplication.run(PlatformApiApplication.class, args);
    }
}
