package io.dinplatform.core.device;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceChoiceTest {

    @Test
    void autoTakesAGpuWhenThereIsOne() {
        assertThat(DeviceChoice.AUTO.resolve(0)).isEqualTo(Device.cpu());
        assertThat(DeviceChoice.AUTO.resolve(2)).isEqualTo(Device.gpu());
        assertThat(DeviceChoice.CPU.resolve(2)).isEqualTo(Device.cpu());
        assertThat(DeviceChoice.GPU.resolve(1)).isEqualTo(Device.gpu());
    }

    @Test
    void aGpuIsRefusedWhereThereIsNone() {
        assertThatThrownBy(() -> DeviceChoice.GPU.resolve(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("device GPU was requested but the PyTorch engine sees no GPU");
    }

    @Test
    void theEnginesOwnViewDecides() {
        int gpus = Engine.getInstance().getGpuCount();
        assertThat(DeviceChoice.AUTO.resolve()).isEqualTo(gpus > 0 ? Device.gpu() : Device.cpu());
        if (gpus == 0) {
            assertThatThrownBy(DeviceChoice.GPU::resolve).isInstanceOf(IllegalStateException.class);
        } else {
            assertThat(DeviceChoice.GPU.resolve()).isEqualTo(Device.gpu());
        }
    }

    @Test
    void namesParseInAnyCase() {
        assertThat(DeviceChoice.parse("gpu")).isEqualTo(DeviceChoice.GPU);
        assertThat(DeviceChoice.parse(null)).isEqualTo(DeviceChoice.AUTO);
        assertThatThrownBy(() -> DeviceChoice.parse("tpu"))
                .hasMessage("device must be one of [AUTO, CPU, GPU], not 'tpu'");
    }
}
