package io.dinplatform.core.device;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.sun.jna.Memory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The allocator's figures must follow real allocations: a C block and an engine tensor of 64 MiB each show in the
 * bytes in use while they live and leave them when freed. Other threads (the JIT, the engine's pool) allocate too,
 * hence the margins of a few MiB.
 */
@EnabledOnOs(OS.LINUX)
class NativeHeapTest {

    private static final long SIZE = 64L << 20;
    private static final long MARGIN = 8L << 20;

    @Test
    void countsAMallocBlockWhileItLives() throws Exception {
        assertCountedWhileItLives(() -> new Memory(SIZE));
    }

    @Test
    void seesTheEnginesTensors() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.zeros(new Shape(1)).close(); // loads the engine before the first reading
            assertCountedWhileItLives(() -> manager.ones(new Shape(SIZE / Float.BYTES), DataType.FLOAT32));
        }
    }

    @Test
    void trimmingKeepsWhatIsInUse() {
        Memory block = new Memory(SIZE);
        try {
            long before = inUse();
            NativeHeap.trim();
            assertThat(inUse()).isBetween(before - MARGIN, before + MARGIN);
        } finally {
            block.close();
        }
    }

    /**
     * Freed blocks between live ones stay resident (the allocator can only shrink a heap from its top, and tuned it
     * does not even do that); a trim hands their pages back and keeps the live ones.
     */
    @Test
    void trimGivesFreedPagesBackToTheKernel() {
        NativeAllocator.tuneForEngineWorkloads();
        List<Memory> kept = new ArrayList<>();
        List<Memory> freed = new ArrayList<>();
        for (int i = 0; i < 96; i++) {
            Memory block = new Memory(1 << 20); // below the mmap threshold: served from an arena
            block.clear(); // touched, so resident
            (i % 2 == 0 ? freed : kept).add(block); // every freed block has a live one above it
        }
        try {
            freed.forEach(Memory::close);
            double retained = residentMib();
            NativeHeap.trim();

            // The trim also hands back whatever else this JVM's threads freed meanwhile (it trims every arena), so
            // only the lower bound is ours: at least most of the 48 MiB, and not more than a process could free.
            assertThat(retained - residentMib()).as("MiB given back of the 48 freed").isBetween(40.0, retained);
        } finally {
            kept.forEach(Memory::close);
        }
    }

    private static void assertCountedWhileItLives(Callable<AutoCloseable> allocation) throws Exception {
        long before = inUse();
        AutoCloseable allocated = allocation.call();
        long during = inUse();
        allocated.close();
        long after = inUse();

        assertThat(during - before).isBetween(SIZE - MARGIN, SIZE + MARGIN);
        assertThat(during - after).isBetween(SIZE - MARGIN, SIZE + MARGIN);
    }

    private static long inUse() {
        return NativeHeap.usage().orElseThrow(() -> new AssertionError("mallinfo2 missing: glibc 2.33 or later "
                + "expected on Linux")).inUseBytes();
    }

    /** This process's resident set (VmRSS), in MiB: what the kernel holds for it, freed-but-kept pages included. */
    private static double residentMib() {
        try (var lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst().orElseThrow() / 1024.0;
        } catch (IOException e) {
            throw new AssertionError("cannot read /proc/self/status", e);
        }
    }
}
