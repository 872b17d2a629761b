package io.dinplatform.worker.presence;

import io.dinplatform.core.device.DeviceChoice;
import io.dinplatform.core.device.EngineThreads;
import io.dinplatform.registry.run.WorkerAdvertisement;
import io.dinplatform.worker.device.DeviceResolver;
import io.dinplatform.worker.device.StepEngineThreads;
import io.dinplatform.worker.lease.WorkerIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a worker does once, on its own thread, before its first claim: load the PyTorch engine with the configured
 * intra-op threads (loading, and extracting the natives on a first start, takes seconds that belong to no run), then
 * find out what it can offer the queue.
 */
public class WorkerStartup {

    private static final Logger log = LoggerFactory.getLogger(WorkerStartup.class);

    private final WorkerIdentity identity;
    private final DeviceChoice device;
    private final DeviceResolver devices;
    private final int engineThreads;

    /**
     * @param device        the worker's configured device choice
     * @param engineThreads the engine's intra-op threads: the default of threads that set none (each step of a run
     *                      sets it again on its own thread, see {@link StepEngineThreads})
     */
    public WorkerStartup(WorkerIdentity identity, DeviceChoice device, DeviceResolver devices, int engineThreads) {
        this.identity = identity;
        this.device = device;
        this.devices = devices;
        this.engineThreads = engineThreads;
    }

    /**
     * Loads the engine and returns the worker's advertisement. A worker whose engine does not load still starts (it
     * fails every run with the engine's reason until the engine loads) but offers no GPU.
     */
    public WorkerAdvertisement start() {
        int gpus = 0;
        try {
            EngineThreads.use(engineThreads);
            gpus = devices.gpusOffered();
            log.info("Training worker {}: PyTorch engine loaded with {} intra-op thread(s), {} GPU(s) offered",
                    identity, EngineThreads.current(), gpus);
        } catch (RuntimeException e) {
            log.error("Training worker {}: the PyTorch engine does not load; every run will fail until it does",
                    identity, e);
        }
        return new WorkerAdvertisement(identity.id(), device.name(), gpus);
    }
}
