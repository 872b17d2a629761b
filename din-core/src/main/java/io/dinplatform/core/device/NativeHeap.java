package io.dinplatform.core.device;

import com.sun.jna.Function;
import com.sun.jna.Structure;

import java.util.Optional;

/**
 * What the C library's allocator holds, as glibc's {@code mallinfo2} reports it over all its arenas: the engine's
 * tensors live there, outside the Java heap and outside the JVM's native memory tracking.
 *
 * <p>It tells a leak from retention. Memory a leak holds stays <em>in use</em>; memory that {@link NativeAllocator}'s
 * settings keep for the next step (no trimming, a large top pad) shows as <em>free</em>, resident or not. A resident
 * set that grows while the bytes in use stay flat is the allocator keeping pages, not the program losing them.
 */
public final class NativeHeap {

    private static final Optional<Function> MALLINFO2 = CLibrary.function("mallinfo2");
    private static final Optional<Function> MALLOC_TRIM = CLibrary.function("malloc_trim");

    private NativeHeap() {
    }

    /** The allocator's totals now; empty where the C library is not glibc 2.33 or later. */
    public static Optional<Usage> usage() {
        return MALLINFO2.map(function -> Usage.of((MallInfo2) function.invoke(MallInfo2.class, new Object[0])));
    }

    /**
     * Gives the arenas' free pages back to the kernel ({@code malloc_trim(0)}), which the no-trimming setting
     * otherwise never does: for when a workload's arrays are gone for good (a finished training run, an unloaded
     * model), not per step. glibc releases every whole free page in its bins and the main arena's top, but keeps
     * the free top of each per-thread arena. It takes each arena's lock in turn, for tens of milliseconds in all
     * after a training run; the next allocations fault their pages in again.
     *
     * @return whether the C library released any memory (false too where there is no {@code malloc_trim})
     */
    public static boolean trim() {
        return MALLOC_TRIM.map(function -> function.invokeInt(new Object[] {0}) == 1).orElse(false);
    }

    /**
     * @param inUseBytes   bytes handed out and not yet freed, in the arenas and in mmap'ed blocks
     * @param freeBytes    bytes the arenas hold free for later requests (resident once touched)
     */
    public record Usage(long inUseBytes, long freeBytes) {

        private static final double MIB = 1024.0 * 1024.0;

        static Usage of(MallInfo2 info) {
            return new Usage(info.uordblks + info.hblkhd, info.fordblks);
        }

        public double inUseMib() {
            return inUseBytes / MIB;
        }

        public double freeMib() {
            return freeBytes / MIB;
        }
    }

    /** glibc's {@code struct mallinfo2}: ten {@code size_t} counters, returned by value. */
    @Structure.FieldOrder({"arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
            "fordblks", "keepcost"})
    public static final class MallInfo2 extends Structure implements Structure.ByValue {
        public long arena;
        public long ordblks;
        public long smblks;
        public long hblks;
        public long hblkhd;
        public long usmblks;
        public long fsmblks;
        public long uordblks;
        public long fordblks;
        public long keepcost;
    }
}
