package io.dinplatform.core.device;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

class NativeAllocatorTest {

    /** glibc refuses values out of its ranges with a 0 from mallopt: every setting must be accepted on Linux. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void glibcAcceptsEverySetting() {
        assertThat(NativeAllocator.tuneForEngineWorkloads()).startsWith("tuned");
    }

    @Test
    void appliesOncePerProcess() {
        String first = NativeAllocator.tuneForEngineWorkloads();
        assertThat(NativeAllocator.tuneForEngineWorkloads()).isSameAs(first);
    }
}
