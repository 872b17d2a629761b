package io.dinplatform.core.device;

import ai.djl.Device;
import ai.djl.engine.Engine;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where a model runs, as a run request or a deployment names it: {@code AUTO} takes a GPU when DJL's PyTorch engine
 * sees one and the CPU otherwise; {@code CPU} and {@code GPU} force the choice.
 */
public enum DeviceChoice {
    AUTO, CPU, GPU;

    /** Reads "auto", "cpu" or "gpu" in any case; null means AUTO. */
    public static DeviceChoice parse(String name) {
        if (name == null || name.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("device must be one of " + Arrays.toString(values()) + ", not '"
                    + name + "'", e);
        }
    }

    /** The device this choice means on this machine, with the engine's current view of its GPUs. */
    public Device resolve() {
        return resolve(Engine.getInstance().getGpuCount());
    }

    /**
     * @param gpuCount how many GPUs the engine sees
     * @throws IllegalStateException for GPU on a machine without one
     */
    public Device resolve(int gpuCount) {
        return switch (this) {
            case CPU -> Device.cpu();
            case AUTO -> gpuCount > 0 ? Device.gpu() : Device.cpu();
            case GPU -> {
                if (gpuCount == 0) {
                    throw new IllegalStateException("device GPU was requested but the PyTorch engine sees no GPU on"
                            + " this machine (it needs an NVIDIA GPU with its driver and a CUDA build of libtorch);"
                            + " use AUTO or CPU to run on the CPU");
                }
                yield Device.gpu();
            }
        };
    }
}
