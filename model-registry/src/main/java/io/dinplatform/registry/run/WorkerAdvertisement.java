package io.dinplatform.registry.run;

import java.util.Objects;

/**
 * What a training worker tells the others about itself.
 *
 * @param workerId the name it claims runs under
 * @param device   its configured device choice ({@code AUTO}, {@code CPU} or {@code GPU})
 * @param gpus     the GPUs it trains runs on: 0 when it cannot take a run that asks for a GPU (a CPU-only
 *                 configuration, or an engine that sees none)
 */
public record WorkerAdvertisement(String workerId, String device, int gpus) {

    public WorkerAdvertisement {
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(device, "device");
        if (gpus < 0) {
            throw new IllegalArgumentException("gpus must not be negative, got " + gpus);
        }
    }

    public boolean hasGpu() {
        return gpus > 0;
    }
}
