package io.dinplatform.api.monitoring;

import io.dinplatform.core.device.NativeHeap;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The C allocator's memory, where the engine keeps every tensor, beside the JVM's own meters (which see none of it):
 * {@code din_native_heap_in_use_bytes} grows with a native leak, {@code din_native_heap_free_bytes} with pages the
 * allocator keeps for reuse. Registered only where the C library reports them (glibc).
 */
public class NativeHeapMetrics implements MeterBinder {

    @Override
    public void bindTo(MeterRegistry registry) {
        if (NativeHeap.usage().isEmpty()) {
            return;
        }
        Gauge.builder("din.native.heap.in.use", () -> NativeHeap.usage().map(NativeHeap.Usage::inUseBytes)
                        .orElse(0L))
                .description("Bytes the C allocator has handed out and not yet freed: tensors, engine state, the "
                        + "JVM's own native allocations")
                .baseUnit(BaseUnits.BYTES)
                .register(registry);
        Gauge.builder("din.native.heap.free", () -> NativeHeap.usage().map(NativeHeap.Usage::freeBytes).orElse(0L))
                .description("Bytes the C allocator holds free for reuse (kept resident by the allocator tuning)")
                .baseUnit(BaseUnits.BYTES)
                .register(registry);
    }
}
