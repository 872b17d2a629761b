package io.dinplatform.worker.device;

import ai.djl.Device;
import io.dinplatform.core.device.DeviceChoice;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceResolverTest {

    @Test
    void autoTakesTheGpuWhenTheEngineSeesOneAndTheCpuOtherwise() {
        assertThat(resolver(DeviceChoice.AUTO, 1).resolve(DeviceChoice.AUTO)).isEqualTo(Device.gpu(0));
        assertThat(resolver(DeviceChoice.AUTO, 0).resolve(DeviceChoice.AUTO)).isEqualTo(Device.cpu());
        assertThat(resolver(DeviceChoice.AUTO, 0).resolve(null)).isEqualTo(Device.cpu());
    }

    @Test
    void aRunThatAsksForTheCpuGetsItEvenOnAGpuWorker() {
        assertThat(resolver(DeviceChoice.GPU, 2).resolve(DeviceChoice.CPU)).isEqualTo(Device.cpu());
    }

    @Test
    void aCpuOnlyWorkerTrainsAutoRunsOnTheCpuAndRefusesGpuRuns() {
        DeviceResolver cpuOnly = resolver(DeviceChoice.CPU, 4);
        assertThat(cpuOnly.resolve(DeviceChoice.AUTO)).isEqualTo(Device.cpu());
        assertThatThrownBy(() -> cpuOnly.resolve(DeviceChoice.GPU))
                .isInstanceOf(DeviceUnavailableException.class)
                .hasMessageContaining("the run asks for a GPU")
                .hasMessageContaining("worker w1 is configured CPU-only");
    }

    @Test
    void aWorkerWithoutAGpuRefusesGpuRunsInsteadOfUsingTheCpu() {
        assertThatThrownBy(() -> resolver(DeviceChoice.AUTO, 0).resolve(DeviceChoice.GPU))
                .isInstanceOf(DeviceUnavailableException.class)
                .hasMessageContaining("worker w1 has none: the PyTorch engine sees 0 GPUs");
        assertThatThrownBy(() -> resolver(DeviceChoice.GPU, 0).resolve(DeviceChoice.AUTO))
                .isInstanceOf(DeviceUnavailableException.class)
                .hasMessageContaining("din.worker.device=GPU");
    }

    @Test
    void aRunRecordsItsDeviceReadably() {
        assertThat(DeviceResolver.describe(Device.cpu())).isEqualTo("CPU");
        assertThat(DeviceResolver.describe(Device.gpu(1))).isEqualTo("GPU:1");
    }

    private static DeviceResolver resolver(DeviceChoice worker, int gpus) {
        return new DeviceResolver(worker, "w1", () -> gpus);
    }
}
