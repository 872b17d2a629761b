package io.dinplatform.worker.presence;

import io.dinplatform.core.device.DeviceChoice;
import io.dinplatform.core.device.EngineThreads;
import io.dinplatform.registry.run.WorkerAdvertisement;
import io.dinplatform.worker.device.DeviceResolver;
import io.dinplatform.worker.lease.WorkerIdentity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A worker's start on the real PyTorch engine. */
class WorkerStartupTest {

    @Test
    void startingSetsTheEngineThreadsAndACpuOnlyWorkerOffersNoGpu() {
        int before = EngineThreads.current();
        int configured = before == 1 ? 2 : 1;
        try {
            WorkerIdentity identity = new WorkerIdentity("cpu-only");
            WorkerStartup startup = new WorkerStartup(identity, DeviceChoice.CPU,
                    DeviceResolver.ofEngine(DeviceChoice.CPU, identity.id()), configured);

            WorkerAdvertisement self = startup.start();

            assertThat(EngineThreads.current()).isEqualTo(configured);
            assertThat(self).isEqualTo(new WorkerAdvertisement("cpu-only", "CPU", 0));
        } finally {
            EngineThreads.use(before); // process-wide: the other tests of this JVM keep theirs
        }
    }
}
