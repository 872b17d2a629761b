package io.dinplatform.worker.device;

import java.util.function.IntSupplier;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.dinplatform.core.device.DeviceChoice;

/**
 * Decides the device a run trains on from what the run asks for and what this worker offers (docs/architecture.md,
 * 'Devices': AUTO uses a GPU when the PyTorch engine sees one). A run that asks for a GPU on a worker without one is
 * refused with a clear error, never quietly trained on the CPU (the queue hands such a run to a worker without a GPU
 * only when no live worker has one). A run that asks for the CPU gets it on any worker.
 */
public class DeviceResolver {

    private final DeviceChoice workerDevice;
    private final String workerId;
    private final IntSupplier gpuCount;

    /** @param gpuCount how many GPUs the engine sees (asked lazily: loading the engine takes seconds) */
    public DeviceResolver(DeviceChoice workerDevice, String workerId, IntSupplier gpuCount) {
        this.workerDevice = workerDevice;
        this.workerId = workerId;
        this.gpuCount = gpuCount;
    }

    /** The resolver for the PyTorch engine of this process. */
    public static DeviceResolver ofEngine(DeviceChoice workerDevice, String workerId) {
        return new DeviceResolver(workerDevice, workerId, () -> Engine.getEngine("PyTorch").getGpuCount());
    }

    public Device resolve(DeviceChoice requested) {
        DeviceChoice wanted = requested == null ? DeviceChoice.AUTO : requested;
        return switch (wanted) {
            case CPU -> Device.cpu();
            case GPU -> requireGpu("the run asks for a GPU");
            case AUTO -> switch (workerDevice) {
                case CPU -> Device.cpu();
                case GPU -> requireGpu("worker " + workerId + " is configured with din.worker.device=GPU");
                case AUTO -> gpuCount.getAsInt() > 0 ? Device.gpu(0) : Device.cpu();
            };
        };
    }

    private Device requireGpu(String why) {
        if (workerDevice == DeviceChoice.CPU) {
            throw new DeviceUnavailableException(why + " but worker " + workerId
                    + " is configured CPU-only (din.worker.device=CPU); queue it for a GPU worker or ask for AUTO");
        }
        int gpus = gpuCount.getAsInt();
        if (gpus == 0) {
            throw new DeviceUnavailableException(why + " but worker " + workerId + " has none: the PyTorch engine "
                    + "sees 0 GPUs (a CUDA build of libtorch and a visible NVIDIA device are needed)");
        }
        return Device.gpu(0);
    }

    /**
     * The GPUs this worker trains runs on, what it advertises to the other workers: none when it is configured
     * CPU-only, else as many as the engine sees (asking loads the engine).
     */
    public int gpusOffered() {
        return workerDevice == DeviceChoice.CPU ? 0 : gpuCount.getAsInt();
    }

    /** How a run records its device: {@code CPU} or {@code GPU:0}. */
    public static String describe(Device device) {
        return device.isGpu() ? "GPU:" + device.getDeviceId() : "CPU";
    }
}
